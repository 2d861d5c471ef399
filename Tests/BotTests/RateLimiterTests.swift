import Foundation
import Testing

@testable import Bot

struct RateLimiterTests {
    let start = Date(timeIntervalSince1970: 1_800_000_000)

    @Test func aSenderGetsTheLimitPerSlidingMinuteAndOthersAreNotTouched() async {
        let limiter = RateLimiter(limit: 3)
        for second in [0.0, 10, 20] { #expect(await limiter.allow("sms:+31611111111", at: start + second)) }
        #expect(await !limiter.allow("sms:+31611111111", at: start + 30))
        #expect(await limiter.allow("sms:+31622222222", at: start + 30))
        // The refused message does not count: at 60.5 s the first one has left the window.
        #expect(await limiter.allow("sms:+31611111111", at: start + 60.5))
        #expect(await !limiter.allow("sms:+31611111111", at: start + 65))
        #expect(await limiter.allow("sms:+31611111111", at: start + 70.5))
    }

    @Test func theWindowHoldsAcrossAGenerationTurnover() async {
        let limiter = RateLimiter(limit: 2)
        #expect(await limiter.allow("a", at: start))
        // Turnovers at 0 s and 61 s: the sender's times from 50 and 55 s must survive the one at 61 s.
        #expect(await limiter.allow("b", at: start + 50))
        #expect(await limiter.allow("b", at: start + 55))
        #expect(await !limiter.allow("b", at: start + 61))
        #expect(await !limiter.allow("b", at: start + 100))
        #expect(await limiter.allow("b", at: start + 115.5))
    }

    @Test func sendersWhoStoppedWritingAreForgottenWithinTwoMinutes() async {
        let limiter = RateLimiter(limit: 5)
        for n in 0..<50_000 { _ = await limiter.allow("sms:+3161\(n)", at: start + Double(n) / 1_000) }
        #expect(await limiter.remembered == 50_000)
        _ = await limiter.allow("late", at: start + 61)
        _ = await limiter.allow("later", at: start + 122)
        #expect(await limiter.remembered == 2)
        _ = await limiter.allow("latest", at: start + 400)
        #expect(await limiter.remembered == 1)
    }

    @Test func aClockSetBackDoesNotKeepSendersForever() async {
        let limiter = RateLimiter(limit: 1)
        #expect(await limiter.allow("a", at: start))
        #expect(await limiter.allow("b", at: start - 3_600))
        _ = await limiter.allow("c", at: start - 3_600 + 121)
        #expect(await limiter.remembered == 1)
    }
}
