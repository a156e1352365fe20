// End-to-end tests of the built binary live in this target.
