"""Files made for staff to fill in: a new commune's project (``init``), a new report (``new-report``)."""
