@testable import Bot
import Dialog
import Foundation
import GRDB
import Testing

/// What the web view reads about one person (`PersonStore` profile and window, `IntakeStore`,
/// `NoteStore`, `CheckinStore`, the transcript and delivery in `MessageStore`), each through the
/// operation alone.
struct StoreContractPersonTests {
    @Test func theProfileNameRoleAndOwnWindowOfAPerson() throws {
        let database = try AppDatabase.inMemory()
        let (fatima, nameless, member) = try database.writer.write { db in
            let fatima = try StoreSeed.person(phone: "+31611111111", name: "Fatima", optedOut: true, in: db)
            try db.execute(sql: "UPDATE person SET language = 'en' WHERE id = ?", arguments: [fatima])
            return (fatima, try StoreSeed.person(in: db), try StoreSeed.person("netwerk", phone: "+31622222222", name: "Ans", in: db))
        }
        try database.reader.read { db throws in
            #expect(try PersonStore.profile(personID: fatima, in: db) == PersonStore.Profile(name: "Fatima", phone: "+31611111111", language: .en,
                                                                                           optedOut: true, createdAt: StoreSeed.now))
            #expect(try PersonStore.profile(personID: nameless, in: db) == PersonStore.Profile(name: nil, phone: nil, language: .nl,
                                                                                             optedOut: false, createdAt: StoreSeed.now))
            #expect(try PersonStore.profile(personID: 999, in: db) == nil)
            #expect(try PersonStore.name(personID: fatima, in: db) == "Fatima")
            #expect(try PersonStore.name(personID: nameless, in: db) == nil)
            #expect(try PersonStore.name(personID: 999, in: db) == nil)
            #expect(try PersonStore.isInwoner(personID: fatima, in: db))
            #expect(try !PersonStore.isInwoner(personID: member, in: db))
            #expect(try !PersonStore.isInwoner(personID: 999, in: db))
        }
        let window = #"{"start": "10:00", "end": "18:00"}"#
        try database.writer.write { db in try PersonStore.setSendWindow(window, personID: fatima, in: db) }
        #expect(try database.reader.read { db in try PersonStore.sendWindow(personID: fatima, in: db) } == window)
        #expect(try database.reader.read { db in try PersonStore.sendWindow(personID: nameless, in: db) } == nil)
        try database.writer.write { db in try PersonStore.setSendWindow(nil, personID: fatima, in: db) }
        #expect(try database.reader.read { db in try PersonStore.sendWindow(personID: fatima, in: db) } == nil)
    }

    @Test func modulesScoresAndStrengthsFromTheIntake() throws {
        let database = try AppDatabase.inMemory()
        let id = try database.writer.write { db in
            let id = try StoreSeed.person(in: db)
            try db.execute(sql: "INSERT INTO moduleProgress (personId, module, startedAt, completedAt) VALUES (?, 'm1', ?, ?), (?, 'm2', ?, NULL)",
                           arguments: [id, StoreSeed.now, StoreSeed.at(minutes: 30), id, StoreSeed.at(minutes: 31)])
            // Given out of order: the later re-rating first.
            try db.execute(sql: """
                INSERT INTO score (personId, localId, leefgebied, score, createdAt) VALUES (?, 's2', 'wonen', 7, ?), (?, 's1', 'wonen', 4, ?),
                    (?, 's3', 'werk', 5, ?)
                """, arguments: [id, StoreSeed.at(minutes: 60), id, StoreSeed.now, id, StoreSeed.now])
            try db.execute(sql: "INSERT INTO strength (personId, localId, kind, text, createdAt) VALUES (?, 'k1', 'ik_kan', 'koken', ?), (?, 'k2', 'ik_ben', 'eerlijk', ?)",
                           arguments: [id, StoreSeed.now, id, StoreSeed.now])
            return id
        }
        let (modules, scores, strengths) = try database.reader.read { db in
            (try IntakeStore.modules(personID: id, in: db), try IntakeStore.scores(personID: id, in: db), try IntakeStore.strengths(personID: id, in: db))
        }
        #expect(modules.sorted { $0.module < $1.module } == [
            IntakeStore.ModuleProgress(module: "m1", startedAt: StoreSeed.now, completedAt: StoreSeed.at(minutes: 30)),
            IntakeStore.ModuleProgress(module: "m2", startedAt: StoreSeed.at(minutes: 31), completedAt: nil),
        ])
        #expect(scores == [IntakeStore.Score(leefgebied: "wonen", score: 4), IntakeStore.Score(leefgebied: "werk", score: 5),
                           IntakeStore.Score(leefgebied: "wonen", score: 7)])
        #expect(strengths == [IntakeStore.Strength(kind: "ik_kan", text: "koken"), IntakeStore.Strength(kind: "ik_ben", text: "eerlijk")])
        #expect(try database.reader.read { db in try IntakeStore.modules(personID: 999, in: db) }.isEmpty)
    }

    @Test func professionalNotesAndChatNotesComeLastWrittenFirst() throws {
        let database = try AppDatabase.inMemory()
        let id = try database.writer.write { db in
            let anna = try StoreSeed.professional("anna@wijkteam.example", in: db)
            let id = try StoreSeed.person(in: db)
            try db.execute(sql: "INSERT INTO note (personId, professionalId, text, createdAt) VALUES (?, NULL, 'Ik ben mijn werk kwijt.', ?)",
                           arguments: [id, StoreSeed.now])
            try NoteStore.add(personID: id, professionalID: anna, text: "Gebeld", at: StoreSeed.at(minutes: 1), in: db)
            try NoteStore.add(personID: id, professionalID: anna, text: "Gebeld", at: StoreSeed.at(minutes: 2), in: db)
            try NoteStore.add(personID: id, professionalID: anna, text: "Langs geweest", at: StoreSeed.at(minutes: 3), in: db)
            return id
        }
        let (notes, told) = try database.reader.read { db in
            (try NoteStore.byProfessionals(personID: id, in: db), try NoteStore.fromChat(personID: id, in: db))
        }
        #expect(notes == [
            NoteStore.Note(text: "Langs geweest", createdAt: StoreSeed.at(minutes: 3), author: "anna@wijkteam.example"),
            NoteStore.Note(text: "Gebeld", createdAt: StoreSeed.at(minutes: 2), author: "anna@wijkteam.example"),
            NoteStore.Note(text: "Gebeld", createdAt: StoreSeed.at(minutes: 1), author: "anna@wijkteam.example"),
        ])
        #expect(told == [NoteStore.Note(text: "Ik ben mijn werk kwijt.", createdAt: StoreSeed.now, author: nil)])
    }

    @Test func checkinsAboutAnInwonerOrInvolvingAPersonAndHowOftenACarerIsAsked() throws {
        let database = try AppDatabase.inMemory()
        let (inwoner, carer, otherInwoner, stranger) = try database.writer.write { db in
            let inwoner = try StoreSeed.person(phone: "+31611111111", in: db)
            let otherInwoner = try StoreSeed.person(phone: "+31622222222", in: db)
            let carer = try StoreSeed.person("mantelzorger", phone: "+31633333333", name: "Mo", in: db)
            let nameless = try StoreSeed.person("mantelzorger", phone: "+31644444444", in: db)
            try StoreSeed.carer(of: inwoner, personID: carer, in: db)
            try db.execute(sql: """
                INSERT INTO checkin (carerPersonId, inwonerId, kind, status, score, band, askedAt) VALUES
                    (?, ?, 'quick', 'answered', 6, NULL, ?), (?, ?, 'quick', 'unanswered', NULL, NULL, ?),
                    (?, ?, 'csi', 'answered', 9, 'hoog', ?), (?, ?, 'quick', 'asked', NULL, NULL, ?)
                """, arguments: [carer, inwoner, StoreSeed.now, nameless, inwoner, StoreSeed.at(minutes: 1),
                                 carer, otherInwoner, StoreSeed.at(minutes: 2), carer, inwoner, StoreSeed.at(minutes: 3)])
            return (inwoner, carer, otherInwoner, nameless)
        }
        let (about, involving, asInwoner) = try database.reader.read { db in
            (try CheckinStore.about(inwonerID: inwoner, in: db), try CheckinStore.involving(personID: carer, in: db),
             try CheckinStore.involving(personID: otherInwoner, in: db))
        }
        #expect(about.map(\.askedAt) == [StoreSeed.now, StoreSeed.at(minutes: 1), StoreSeed.at(minutes: 3)])
        #expect(about.map(\.carerName) == ["Mo", nil, "Mo"])
        #expect(about.first == CheckinStore.Entry(carerID: carer, carerName: "Mo", kind: "quick", status: "answered", score: 6, band: nil,
                                                  askedAt: StoreSeed.now))
        #expect(involving.map(\.askedAt) == [StoreSeed.now, StoreSeed.at(minutes: 2), StoreSeed.at(minutes: 3)])
        #expect(asInwoner == [CheckinStore.Entry(carerID: carer, carerName: "Mo", kind: "csi", status: "answered", score: 9, band: "hoog",
                                                 askedAt: StoreSeed.at(minutes: 2))])

        let (changed, notACarer) = try database.writer.write { db in
            (try CheckinStore.setInterval(days: 7, carerPersonID: carer, in: db), try CheckinStore.setInterval(days: 7, carerPersonID: stranger, in: db))
        }
        #expect(changed)
        #expect(!notACarer)
        #expect(try database.reader.read { db in
            try Int.fetchOne(db, sql: "SELECT checkinEveryDays FROM mantelzorg WHERE carerPersonId = ?", arguments: [carer])
        } == 7)
    }

    @Test func theTranscriptIsTheLastMessagesOldestFirst() throws {
        let database = try AppDatabase.inMemory()
        let (id, other) = try database.writer.write { db in
            let id = try StoreSeed.person(phone: "+31611111111", in: db)
            let other = try StoreSeed.person(phone: "+31622222222", in: db)
            try StoreSeed.message(id, "in", "hoi", at: StoreSeed.at(minutes: 1), in: db)
            try StoreSeed.message(other, "in", "niet van haar", in: db)
            try StoreSeed.message(id, "out", "Welkom", at: StoreSeed.at(minutes: 2), in: db)
            try StoreSeed.message(id, "in", "ja", at: StoreSeed.at(minutes: 3), in: db)
            return (id, other)
        }
        let (all, last) = try database.reader.read { db in
            (try MessageStore.transcript(personID: id, limit: 300, in: db), try MessageStore.transcript(personID: id, limit: 2, in: db))
        }
        #expect(all == [MessageStore.TranscriptLine(inbound: true, text: "hoi", createdAt: StoreSeed.at(minutes: 1)),
                        MessageStore.TranscriptLine(inbound: false, text: "Welkom", createdAt: StoreSeed.at(minutes: 2)),
                        MessageStore.TranscriptLine(inbound: true, text: "ja", createdAt: StoreSeed.at(minutes: 3))])
        #expect(last.map(\.text) == ["Welkom", "ja"])
        #expect(try database.reader.read { db in try MessageStore.transcript(personID: other, limit: 300, in: db) }.map(\.text) == ["niet van haar"])
    }

    @Test func aSentMessageIsFoundByItsProviderIdAndItsStatusRecorded() throws {
        let database = try AppDatabase.inMemory()
        let messageID = try database.writer.write { db in
            let id = try StoreSeed.person(phone: "+31611111111", in: db)
            let messageID = try StoreSeed.message(id, "out", "Welkom", in: db)
            try db.execute(sql: "INSERT INTO outbox (messageId, personId, channel, createdAt, providerMessageId) VALUES (?, ?, 'sms', ?, 'SM1')",
                           arguments: [messageID, id, StoreSeed.now])
            return messageID
        }
        try database.reader.read { db throws in
            #expect(try MessageStore.delivery(channel: "sms", providerMessageID: "SM1", in: db) == MessageStore.Delivery(messageID: messageID, status: nil))
            #expect(try MessageStore.delivery(channel: "whatsapp", providerMessageID: "SM1", in: db) == nil)
            #expect(try MessageStore.delivery(channel: "sms", providerMessageID: "SM2", in: db) == nil)
        }
        try database.writer.write { db in try MessageStore.setDeliveryStatus("delivered", messageID: messageID, in: db) }
        #expect(try database.reader.read { db in try MessageStore.delivery(channel: "sms", providerMessageID: "SM1", in: db) }?.status == "delivered")
    }
}
