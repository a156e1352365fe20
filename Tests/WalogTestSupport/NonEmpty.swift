/// The argument list of a parameterised test, refused when empty: Swift Testing skips a test
/// with no cases and the run stays green, so a fixture folder that went missing or a filter
/// that matches nothing would pass unseen. `@Test(arguments: try nonEmpty(list))` fails the
/// test instead (an error thrown while its arguments are evaluated is recorded as its issue).
/// Every parameterised test whose list is not written out in place goes through this
/// (`TestSuiteGuardTests` checks the sources).
public func nonEmpty<C: Collection>(
  _ cases: C, fileID: String = #fileID, line: Int = #line
) throws -> C {
  guard !cases.isEmpty else { throw EmptyArguments(place: "\(fileID):\(line)") }
  return cases
}

/// A parameterised test's argument list came out empty.
public struct EmptyArguments: Error, CustomStringConvertible {
  public var place: String
  public var description: String { "\(place): the test's argument list is empty, so it would test nothing" }
}
