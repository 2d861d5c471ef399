import GRDB

extension AppDatabase {
    /// Forward-only migrations. A migration that has shipped is never edited: add a new one.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1 create core tables") { db in
            try db.execute(sql: v1)
        }
        migrator.registerMigration("v2 outbox delivery") { db in
            try db.execute(sql: v2)
        }
        migrator.registerMigration("v3 scheduler") { db in
            try db.execute(sql: v3)
        }
        migrator.registerMigration("v4 mantelzorg check-ins") { db in
            try db.execute(sql: v4)
        }
        migrator.registerMigration("v5 professionals") { db in
            try db.execute(sql: v5)
        }
        migrator.registerMigration("v6 urgent alerts and waiting follow-ups") { db in
            try db.execute(sql: v6)
        }
        migrator.registerMigration("v7 erasures finished later") { db in
            try db.execute(sql: v7)
        }
        migrator.registerMigration("v8 actions proposed to the professional") { db in
            try db.execute(sql: v8)
        }
        migrator.registerMigration("v9 hulpbronnen and who carries an action") { db in
            try db.execute(sql: v9)
        }
        migrator.registerMigration("v10 leefgebieden to talk about") { db in
            try db.execute(sql: v10)
        }
        migrator.registerMigration("v11 the omgeving's own view") { db in
            try db.execute(sql: v11)
        }
        migrator.registerMigration("v12 network support and closeness") { db in
            try db.execute(sql: v12)
        }
        migrator.registerMigration("v13 the inwoner's own login") { db in
            try db.execute(sql: v13)
        }
        migrator.registerMigration("v14 answers given together") { db in
            try db.execute(sql: v14)
        }
        migrator.registerMigration("v15 the omgeving's view by link") { db in
            try db.execute(sql: v15)
        }
        migrator.registerMigration("v16 how to reach a professional") { db in
            try db.execute(sql: v16)
        }
        return migrator
    }

    private static let v1 = """
        CREATE TABLE person (
            id INTEGER PRIMARY KEY,
            role TEXT NOT NULL CHECK (role IN ('inwoner', 'netwerk', 'mantelzorger')),
            phone TEXT UNIQUE,
            name TEXT,
            language TEXT NOT NULL DEFAULT 'nl',
            optedOut INTEGER NOT NULL DEFAULT 0,
            createdAt TEXT NOT NULL
        );
        -- How a person is reached on a channel: a phone number, a Telegram chat id, a local name.
        CREATE TABLE contact (
            id INTEGER PRIMARY KEY,
            personId INTEGER NOT NULL REFERENCES person(id) ON DELETE CASCADE,
            channel TEXT NOT NULL,
            address TEXT NOT NULL,
            UNIQUE (channel, address)
        );
        CREATE INDEX contact_person ON contact(personId);
        CREATE TABLE conversation (
            id INTEGER PRIMARY KEY,
            personId INTEGER NOT NULL REFERENCES person(id) ON DELETE CASCADE,
            flowId TEXT NOT NULL,
            flowVersion INTEGER NOT NULL,
            state TEXT NOT NULL,
            stateVersion INTEGER NOT NULL,
            module TEXT,
            finished INTEGER NOT NULL DEFAULT 0,
            updatedAt TEXT NOT NULL,
            UNIQUE (personId, flowId)
        );
        CREATE TABLE message (
            id INTEGER PRIMARY KEY,
            personId INTEGER NOT NULL REFERENCES person(id) ON DELETE CASCADE,
            direction TEXT NOT NULL CHECK (direction IN ('in', 'out')),
            channel TEXT NOT NULL,
            providerId TEXT,
            replyTo INTEGER REFERENCES message(id) ON DELETE CASCADE,
            textKey TEXT,
            text TEXT NOT NULL,
            segments INTEGER,
            createdAt TEXT NOT NULL
        );
        CREATE UNIQUE INDEX message_provider ON message(channel, providerId) WHERE direction = 'in' AND providerId IS NOT NULL;
        CREATE INDEX message_person ON message(personId, id);
        CREATE INDEX message_reply ON message(replyTo);
        -- Messages waiting to go out; written in the same transaction as what caused them.
        CREATE TABLE outbox (
            id INTEGER PRIMARY KEY,
            messageId INTEGER NOT NULL UNIQUE REFERENCES message(id) ON DELETE CASCADE,
            personId INTEGER NOT NULL REFERENCES person(id) ON DELETE CASCADE,
            channel TEXT NOT NULL,
            status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'failed')),
            attempts INTEGER NOT NULL DEFAULT 0,
            createdAt TEXT NOT NULL,
            sentAt TEXT
        );
        CREATE INDEX outbox_pending ON outbox(channel, status, id);
        CREATE TABLE answer (
            id INTEGER PRIMARY KEY,
            personId INTEGER NOT NULL REFERENCES person(id) ON DELETE CASCADE,
            messageId INTEGER REFERENCES message(id) ON DELETE CASCADE,
            node TEXT NOT NULL,
            key TEXT NOT NULL,
            value TEXT NOT NULL,
            module TEXT,
            createdAt TEXT NOT NULL
        );
        CREATE INDEX answer_person_key ON answer(personId, key, id);
        CREATE TABLE consent (
            id INTEGER PRIMARY KEY,
            personId INTEGER NOT NULL REFERENCES person(id) ON DELETE CASCADE,
            purpose TEXT NOT NULL,
            granted INTEGER NOT NULL,
            subject TEXT,
            textKey TEXT NOT NULL,
            textShown TEXT NOT NULL,
            flowVersion TEXT NOT NULL,
            channel TEXT NOT NULL,
            createdAt TEXT NOT NULL
        );
        CREATE INDEX consent_person ON consent(personId, purpose);
        CREATE TABLE score (
            id INTEGER PRIMARY KEY,
            personId INTEGER NOT NULL REFERENCES person(id) ON DELETE CASCADE,
            localId TEXT NOT NULL,
            leefgebied TEXT NOT NULL,
            score INTEGER NOT NULL CHECK (score BETWEEN 0 AND 10),
            wantsChange INTEGER,
            createdAt TEXT NOT NULL,
            UNIQUE (personId, localId)
        );
        CREATE INDEX score_person ON score(personId, leefgebied, createdAt);
        CREATE TABLE strength (
            id INTEGER PRIMARY KEY,
            personId INTEGER NOT NULL REFERENCES person(id) ON DELETE CASCADE,
            localId TEXT NOT NULL,
            kind TEXT NOT NULL,
            text TEXT NOT NULL,
            createdAt TEXT NOT NULL,
            UNIQUE (personId, localId)
        );
        CREATE TABLE networkMember (
            id INTEGER PRIMARY KEY,
            personId INTEGER NOT NULL REFERENCES person(id) ON DELETE CASCADE,
            localId TEXT NOT NULL,
            name TEXT NOT NULL,
            relation TEXT,
            helps TEXT,
            phone TEXT,
            createdAt TEXT NOT NULL,
            UNIQUE (personId, localId)
        );
        CREATE TABLE wish (
            id INTEGER PRIMARY KEY,
            personId INTEGER NOT NULL REFERENCES person(id) ON DELETE CASCADE,
            localId TEXT NOT NULL,
            leefgebied TEXT,
            wens TEXT,
            behoefte TEXT,
            zelf TEXT,
            hulp TEXT,
            createdAt TEXT NOT NULL,
            UNIQUE (personId, localId)
        );
        CREATE TABLE mantelzorg (
            id INTEGER PRIMARY KEY,
            personId INTEGER NOT NULL REFERENCES person(id) ON DELETE CASCADE,
            localId TEXT NOT NULL,
            direction TEXT NOT NULL CHECK (direction IN ('ontvangt', 'geeft')),
            name TEXT,
            hours TEXT,
            phone TEXT,
            checkin INTEGER,
            createdAt TEXT NOT NULL,
            UNIQUE (personId, localId)
        );
        CREATE TABLE goal (
            id INTEGER PRIMARY KEY,
            personId INTEGER NOT NULL REFERENCES person(id) ON DELETE CASCADE,
            localId TEXT NOT NULL,
            wishLocalId TEXT,
            leefgebied TEXT,
            text TEXT NOT NULL,
            rank INTEGER NOT NULL,
            status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'actief', 'bereikt', 'gestopt')),
            createdAt TEXT NOT NULL,
            UNIQUE (personId, localId)
        );
        CREATE TABLE action (
            id INTEGER PRIMARY KEY,
            personId INTEGER NOT NULL REFERENCES person(id) ON DELETE CASCADE,
            goalId INTEGER NOT NULL REFERENCES goal(id) ON DELETE CASCADE,
            localId TEXT NOT NULL,
            what TEXT NOT NULL,
            ownerKind TEXT NOT NULL CHECK (ownerKind IN ('inwoner', 'netwerk', 'professional')),
            networkMemberId INTEGER REFERENCES networkMember(id) ON DELETE SET NULL,
            dueDate TEXT,
            dueTime TEXT,
            status TEXT NOT NULL DEFAULT 'gepland'
                CHECK (status IN ('gepland', 'bezig', 'gedaan', 'niet_gelukt', 'uitgesteld', 'vervallen')),
            result TEXT,
            createdAt TEXT NOT NULL,
            UNIQUE (personId, localId)
        );
        CREATE INDEX action_goal ON action(goalId);
        CREATE TABLE spiegelblad (
            id INTEGER PRIMARY KEY,
            personId INTEGER NOT NULL REFERENCES person(id) ON DELETE CASCADE,
            localId TEXT NOT NULL,
            module TEXT NOT NULL,
            confirmedAt TEXT NOT NULL,
            UNIQUE (personId, localId)
        );
        CREATE TABLE moduleProgress (
            personId INTEGER NOT NULL REFERENCES person(id) ON DELETE CASCADE,
            module TEXT NOT NULL,
            startedAt TEXT NOT NULL,
            completedAt TEXT,
            PRIMARY KEY (personId, module)
        );
        CREATE TABLE alert (
            id INTEGER PRIMARY KEY,
            personId INTEGER NOT NULL REFERENCES person(id) ON DELETE CASCADE,
            kind TEXT NOT NULL,
            node TEXT,
            detail TEXT,
            createdAt TEXT NOT NULL,
            handledAt TEXT,
            note TEXT
        );
        CREATE INDEX alert_open ON alert(handledAt, createdAt);
        """

    /// Retries with backoff and a lease for the dispatcher; delivery status from providers; the
    /// time of a person's last message per channel (WhatsApp's 24-hour window).
    private static let v2 = """
        ALTER TABLE outbox ADD COLUMN nextAttemptAt TEXT;
        ALTER TABLE outbox ADD COLUMN leaseUntil TEXT;
        ALTER TABLE outbox ADD COLUMN lastError TEXT;
        ALTER TABLE outbox ADD COLUMN providerMessageId TEXT;
        CREATE INDEX outbox_provider ON outbox(channel, providerMessageId);
        CREATE INDEX outbox_person_pending ON outbox(personId, status, id);
        ALTER TABLE message ADD COLUMN deliveryStatus TEXT;
        ALTER TABLE contact ADD COLUMN lastInboundAt TEXT;
        """

    /// Jobs for reminders, follow-ups, invitations, weekly overviews and re-rating; which flow a
    /// person's next message belongs to; network members who are people we may message.
    private static let v3 = """
        CREATE TABLE job (
            id INTEGER PRIMARY KEY,
            kind TEXT NOT NULL,
            personId INTEGER NOT NULL REFERENCES person(id) ON DELETE CASCADE,
            actionId INTEGER REFERENCES action(id) ON DELETE CASCADE,
            goalId INTEGER REFERENCES goal(id) ON DELETE CASCADE,
            dueAt TEXT NOT NULL,
            status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'done', 'cancelled')),
            attempts INTEGER NOT NULL DEFAULT 0,
            idempotencyKey TEXT NOT NULL UNIQUE,
            note TEXT,
            createdAt TEXT NOT NULL,
            doneAt TEXT
        );
        CREATE INDEX job_due ON job(status, dueAt);
        CREATE INDEX job_action ON job(actionId, status);
        CREATE INDEX job_person ON job(personId, status);
        ALTER TABLE person ADD COLUMN activeFlow TEXT;
        ALTER TABLE person ADD COLUMN sendWindow TEXT;
        ALTER TABLE networkMember ADD COLUMN memberPersonId INTEGER REFERENCES person(id) ON DELETE SET NULL;
        ALTER TABLE networkMember ADD COLUMN invitation TEXT;
        ALTER TABLE action ADD COLUMN helped INTEGER;
        ALTER TABLE action ADD COLUMN evaluatedAt TEXT;
        ALTER TABLE score ADD COLUMN goalId INTEGER REFERENCES goal(id) ON DELETE SET NULL;
        """

    /// Mantelzorgers as people we may message (with their own consent), and their check-ins.
    private static let v4 = """
        ALTER TABLE mantelzorg ADD COLUMN carerPersonId INTEGER REFERENCES person(id) ON DELETE SET NULL;
        ALTER TABLE mantelzorg ADD COLUMN carerConsent TEXT;
        ALTER TABLE mantelzorg ADD COLUMN checkinEveryDays INTEGER NOT NULL DEFAULT 14;
        CREATE TABLE checkin (
            id INTEGER PRIMARY KEY,
            carerPersonId INTEGER NOT NULL REFERENCES person(id) ON DELETE CASCADE,
            inwonerId INTEGER NOT NULL REFERENCES person(id) ON DELETE CASCADE,
            kind TEXT NOT NULL,
            status TEXT NOT NULL DEFAULT 'asked' CHECK (status IN ('asked', 'answered', 'unanswered')),
            score INTEGER,
            band TEXT,
            result TEXT,
            askedAt TEXT NOT NULL,
            answeredAt TEXT
        );
        CREATE INDEX checkin_carer ON checkin(carerPersonId, kind, id);
        """

    /// Professionals who log in to the web view, their sessions, their caseload, notes, and the
    /// audit log of who viewed or changed which inwoner (kept after an erase, without personal data).
    private static let v5 = """
        CREATE TABLE professional (
            id INTEGER PRIMARY KEY,
            email TEXT NOT NULL UNIQUE COLLATE NOCASE,
            passwordHash TEXT NOT NULL,
            role TEXT NOT NULL DEFAULT 'professional' CHECK (role IN ('professional', 'admin')),
            createdAt TEXT NOT NULL
        );
        CREATE TABLE webSession (
            tokenHash TEXT PRIMARY KEY,
            professionalId INTEGER NOT NULL REFERENCES professional(id) ON DELETE CASCADE,
            csrfToken TEXT NOT NULL,
            createdAt TEXT NOT NULL,
            expiresAt TEXT NOT NULL
        );
        CREATE INDEX webSession_expiry ON webSession(expiresAt);
        ALTER TABLE person ADD COLUMN professionalId INTEGER REFERENCES professional(id) ON DELETE SET NULL;
        CREATE INDEX person_professional ON person(professionalId);
        CREATE TABLE note (
            id INTEGER PRIMARY KEY,
            personId INTEGER NOT NULL REFERENCES person(id) ON DELETE CASCADE,
            professionalId INTEGER REFERENCES professional(id) ON DELETE SET NULL,
            text TEXT NOT NULL,
            createdAt TEXT NOT NULL
        );
        CREATE INDEX note_person ON note(personId, id);
        CREATE TABLE audit (
            id INTEGER PRIMARY KEY,
            professionalId INTEGER REFERENCES professional(id) ON DELETE SET NULL,
            personId INTEGER,
            event TEXT NOT NULL,
            at TEXT NOT NULL
        );
        CREATE INDEX audit_at ON audit(at);
        CREATE INDEX alert_person ON alert(personId, handledAt);
        CREATE INDEX action_person ON action(personId, status);
        """
}
