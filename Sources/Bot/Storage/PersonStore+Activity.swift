import Foundation
import GRDB

extension PersonStore {
    /// When the person last wrote to us, on any channel; nil when never.
    static func lastInbound(personID: Int64, in db: any SQLConnection) throws -> Date? {
        try Date.fetchOne(db.cachedStatement(sql: "SELECT MAX(lastInboundAt) FROM contact WHERE personId = ?"), arguments: [personID])
    }
}
