public enum HTMLReport {
  public static func render(_ analysis: Analysis) -> String { "" }
}
