import CoreMetrics
import Foundation
import Prometheus

/// Prometheus metrics of one server, on its own registry (no global bootstrap, so tests can build
/// many servers in one process).
final class ServerMetrics: Sendable {
    let registry = PrometheusCollectorRegistry()
    private let factory: PrometheusMetricsFactory
    let turnLatency: CoreMetrics.Timer
    let outboxDepth: CoreMetrics.Gauge
    /// The group commits of inbound messages: how many, how many messages in them, and the time the
    /// writer spent in them. Busy seconds per second near 1 means the one writer is the limit.
    let writeBatches: CoreMetrics.Counter
    let writeBatchMessages: CoreMetrics.Counter
    let writeBusySeconds: CoreMetrics.FloatingPointCounter
    /// Each group commit's time, its disk flush included: a slow turn that follows a slow commit
    /// waited for the disk, not for the engine or the HTTP server.
    let writeBatchSeconds: CoreMetrics.Timer
    /// Read from the database at each scrape: what waits for a professional, and erasures not yet
    /// finished (a reader holds an older copy). An urgent alert is a crisis: its age is worth a page.
    let openAlerts: CoreMetrics.Gauge
    let openUrgentAlerts: CoreMetrics.Gauge
    let oldestUrgentAlertSeconds: CoreMetrics.Gauge
    let unfinishedErasures: CoreMetrics.Gauge

    init() {
        var factory = PrometheusMetricsFactory(registry: registry)
        factory.defaultDurationHistogramBuckets = [
            .milliseconds(1), .milliseconds(2), .milliseconds(5), .milliseconds(10), .milliseconds(25),
            .milliseconds(50), .milliseconds(100), .milliseconds(250), .milliseconds(500), .seconds(1), .seconds(2)
        ]
        self.factory = factory
        turnLatency = CoreMetrics.Timer(label: "wegwijzer_turn_seconds", factory: factory)
        outboxDepth = CoreMetrics.Gauge(label: "wegwijzer_outbox_depth", factory: factory)
        writeBatches = CoreMetrics.Counter(label: "wegwijzer_write_batches_total", factory: factory)
        writeBatchMessages = CoreMetrics.Counter(label: "wegwijzer_write_batch_messages_total", factory: factory)
        writeBusySeconds = CoreMetrics.FloatingPointCounter(label: "wegwijzer_write_busy_seconds_total", factory: factory)
        writeBatchSeconds = CoreMetrics.Timer(label: "wegwijzer_write_batch_seconds", factory: factory)
        openAlerts = CoreMetrics.Gauge(label: "wegwijzer_open_alerts", factory: factory)
        openUrgentAlerts = CoreMetrics.Gauge(label: "wegwijzer_open_urgent_alerts", factory: factory)
        oldestUrgentAlertSeconds = CoreMetrics.Gauge(label: "wegwijzer_oldest_open_urgent_alert_seconds", factory: factory)
        unfinishedErasures = CoreMetrics.Gauge(label: "wegwijzer_unfinished_erasures", factory: factory)
    }

    func recordState(_ alerts: AlertStore.Waiting, unfinishedErasures erasures: Int, at now: Date) {
        openAlerts.record(alerts.all)
        openUrgentAlerts.record(alerts.urgent)
        oldestUrgentAlertSeconds.record(alerts.oldestUrgent.map { max(0, now.timeIntervalSince($0)) } ?? 0)
        unfinishedErasures.record(erasures)
    }

    func recordBatch(messages: Int, took duration: Duration) {
        writeBatches.increment()
        writeBatchMessages.increment(by: messages)
        writeBusySeconds.increment(by: duration.seconds)
        writeBatchSeconds.record(duration)
    }

    func messagesIn(_ channel: String) -> CoreMetrics.Counter {
        CoreMetrics.Counter(label: "wegwijzer_messages_in_total", dimensions: [("channel", channel)], factory: factory)
    }

    func messagesOut(_ channel: String) -> CoreMetrics.Counter {
        CoreMetrics.Counter(label: "wegwijzer_messages_out_total", dimensions: [("channel", channel)], factory: factory)
    }

    func sendFailures(_ channel: String) -> CoreMetrics.Counter {
        CoreMetrics.Counter(label: "wegwijzer_send_failures_total", dimensions: [("channel", channel)], factory: factory)
    }

    func text() -> String { registry.emitToString() }
}

extension CoreMetrics.Timer {
    func record(_ duration: Duration) {
        recordNanoseconds(duration.components.seconds * 1_000_000_000 + duration.components.attoseconds / 1_000_000_000)
    }

    func recordElapsed(since start: ContinuousClock.Instant) {
        record(ContinuousClock.now - start)
    }
}
