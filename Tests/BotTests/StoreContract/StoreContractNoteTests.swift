import Dialog
import Foundation
import GRDB
import Testing

@testable import Bot

/// Notes about an inwoner (`NoteStore`): the professionals' own and what the inwoner told in the chat.
struct StoreContractNoteTests {
    @Test(arguments: StoreBackend.allCases)
    func professionalNotesAndChatNotesComeLastWrittenFirst(_ backend: StoreBackend) throws {
        try backend.withStore { database in
            let (id, other) = try database.write { db in
                let anna = try ContractSeed.professional("anna@wijkteam.example", in: db)
                let bert = try ContractSeed.professional("bert@wijkteam.example", in: db)
                let id = try ContractSeed.inwoner(in: db)
                let other = try ContractSeed.inwoner(in: db)
                try NoteStore.addFromChat(personID: id, text: "Ik ben mijn werk kwijt.", at: ContractSeed.now, in: db)
                try NoteStore.add(personID: id, professionalID: anna, text: "Gebeld", at: ContractSeed.at(minutes: 1), in: db)
                // Every call adds one, the same text too.
                try NoteStore.add(personID: id, professionalID: anna, text: "Gebeld", at: ContractSeed.at(minutes: 2), in: db)
                try NoteStore.add(personID: id, professionalID: bert, text: "Langs geweest", at: ContractSeed.at(minutes: 3), in: db)
                try NoteStore.addFromChat(personID: id, text: "Mijn zus helpt.", at: ContractSeed.at(minutes: 4), in: db)
                try NoteStore.add(personID: other, professionalID: anna, text: "Niet van haar", at: ContractSeed.now, in: db)
                return (id, other)
            }
            let (notes, told, othersTold) = try database.read { db in
                (
                    try NoteStore.byProfessionals(personID: id, in: db), try NoteStore.fromChat(personID: id, in: db),
                    try NoteStore.fromChat(personID: other, in: db)
                )
            }
            #expect(
                notes == [
                    NoteStore.Note(text: "Langs geweest", createdAt: ContractSeed.at(minutes: 3), author: "bert@wijkteam.example"),
                    NoteStore.Note(text: "Gebeld", createdAt: ContractSeed.at(minutes: 2), author: "anna@wijkteam.example"),
                    NoteStore.Note(text: "Gebeld", createdAt: ContractSeed.at(minutes: 1), author: "anna@wijkteam.example")
                ])
            #expect(
                told == [
                    NoteStore.Note(text: "Mijn zus helpt.", createdAt: ContractSeed.at(minutes: 4), author: nil),
                    NoteStore.Note(text: "Ik ben mijn werk kwijt.", createdAt: ContractSeed.now, author: nil)
                ])
            #expect(othersTold.isEmpty)
            #expect(
                try database.read { db in try NoteStore.byProfessionals(personID: other, in: db) }.map(\.text) == ["Niet van haar"])
        }
    }
}
