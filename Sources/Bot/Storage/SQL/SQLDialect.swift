/// The database behind a `SQLConnection`, for the few statements the two write differently.
package enum SQLDialect: Sendable {
    case sqlite
    case postgres
}
