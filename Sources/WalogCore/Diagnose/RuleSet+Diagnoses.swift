extension RuleSet {
  /// The `diagnoses:` entries compiled; every problem is reported with file:line:column. A
  /// diagnosis may name every kind the rules know (``RuleSet/kinds``), and every role.
  public func diagnosisRules() throws(RuleError) -> [Diagnosis] {
    let ruleIDs = Set(events.map(\.id))
    let kindIndex = DiagnosisCompiler.KindIndex(kinds)
    var diagnoses: [Diagnosis] = []
    var problems: [RuleDiagnostic] = []
    for source in file.diagnoses {
      var compiler = DiagnosisCompiler(file: source.location.file, kinds: kindIndex, knownRules: ruleIDs)
      if let diagnosis = compiler.compile(source) { diagnoses.append(diagnosis) }
      problems += compiler.diagnostics
    }
    if !problems.isEmpty { throw RuleError(diagnostics: problems) }
    return diagnoses
  }

  /// What reports say about these rules: the files and a SHA-256 over their texts (the built-in
  /// rules' hashed when they were embedded).
  public var info: RuleSetInfo {
    let texts = sources.map(\.text)
    let hash = texts == [DefaultRules.yaml] ? DefaultRules.sha256 : SHA256.hex(texts.joined(separator: "\u{0}"))
    return RuleSetInfo(files: sources.map(\.name), hash: hash, statuses: file.statuses, kinds: kinds)
  }
}
