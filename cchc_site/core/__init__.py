"""The domain, read from no file: the content models, the kinds of period, the rules in the guide's
words, data problems. Everything else builds on it."""
