import Foundation
import GRDB
import Hummingbird

/// `GET /healthz` (is the database reachable) and `GET /metrics` (Prometheus text, see `MetricsAccess`).
struct HealthRoutes {
    let database: AppDatabase
    let metrics: ServerMetrics
    let clock: WallClock

    func registerHealth(on router: Router<AppRequestContext>) {
        router.get("healthz") { _, _ -> Response in
            let ok = (try? await database.read(AppDatabase.isReachable)) == true
            let body = ok ? #"{"database":"ok","status":"ok"}"# : #"{"database":"unreachable","status":"error"}"#
            return Response(
                status: ok ? .ok : .serviceUnavailable, headers: [.contentType: "application/json"],
                body: .init(byteBuffer: ByteBuffer(string: body)))
        }
    }

    func registerMetrics(on router: Router<AppRequestContext>, access: MetricsAccess) {
        router.get("metrics") { request, context -> Response in
            if let refusal = access.refusal(request, peer: context.remoteAddress) { return refusal }
            // A database that cannot be read leaves the last values: the scrape still answers.
            if let (alerts, erasures) = try? await database.read({ db in
                (try AlertStore.waiting(in: db), try Erasure.unfinished(in: db))
            }) {
                metrics.recordState(alerts, unfinishedErasures: erasures, at: clock.now())
            }
            return Response(
                status: .ok, headers: [.contentType: "text/plain; version=0.0.4"],
                body: .init(byteBuffer: ByteBuffer(string: metrics.text())))
        }
    }
}
