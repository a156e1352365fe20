/// walog's version, reported in every JSON report and by `walog --version`.
public let walogVersion = "0.1.0"
