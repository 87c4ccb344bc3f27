"""cchc-site: a commune's CCHC reports and procedure list, from YAML data to a MkDocs site."""
