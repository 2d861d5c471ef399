import Crypto
import Foundation
import GRDB
import Hummingbird
import Logging

enum WebError: Error {
    case notFound
    case forbidden(String)
    case badRequest(String)
}
