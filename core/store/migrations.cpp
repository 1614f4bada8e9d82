#include "migrations.h"

using namespace Qt::StringLiterals;

namespace remise::sqlite {

namespace {

// Version 1: the rule book and customer profiles.
// Campaigns and segments keep their scalar fields as columns and their nested parts as the JSON
// the campaign file format writes, so that reading a row back goes through the file format's
// validation. `position` keeps file order. campaign_segments mirrors conditions.segments so
// that SQLite itself refuses a campaign referring to a missing segment, and the deletion of a
// segment in use. rules_revision is one row bumped by every rules write; its random token keeps
// revisions unique even after a backup is restored.
const QStringList version1 = {
    uR"(CREATE TABLE segments (
        id         TEXT PRIMARY KEY NOT NULL,
        position   INTEGER NOT NULL,
        name       TEXT NOT NULL,
        match_mode TEXT NOT NULL CHECK (match_mode IN ('all', 'any')),
        rules      TEXT NOT NULL
    ))"_s,
    uR"(CREATE TABLE campaigns (
        id         TEXT PRIMARY KEY NOT NULL,
        position   INTEGER NOT NULL,
        name       TEXT NOT NULL,
        status     TEXT NOT NULL CHECK (status IN ('draft', 'active', 'paused', 'archived')),
        priority   INTEGER NOT NULL,
        stacking   TEXT NOT NULL CHECK (stacking IN ('exclusive', 'stackable')),
        starts_at  TEXT,
        ends_at    TEXT,
        conditions TEXT NOT NULL,
        reward     TEXT NOT NULL,
        limits     TEXT NOT NULL
    ))"_s,
    uR"(CREATE TABLE campaign_segments (
        campaign_id TEXT NOT NULL REFERENCES campaigns (id) ON DELETE CASCADE,
        segment_id  TEXT NOT NULL REFERENCES segments (id) ON DELETE RESTRICT,
        PRIMARY KEY (campaign_id, segment_id)
    ) WITHOUT ROWID)"_s,
    u"CREATE INDEX campaign_segments_segment ON campaign_segments (segment_id)"_s,
    uR"(CREATE TABLE rules_revision (
        id      INTEGER PRIMARY KEY CHECK (id = 1),
        counter INTEGER NOT NULL,
        token   TEXT NOT NULL
    ))"_s,
    u"INSERT INTO rules_revision (id, counter, token) VALUES (1, 0, lower(hex(randomblob(6))))"_s,
    uR"(CREATE TABLE customers (
        id           INTEGER PRIMARY KEY,
        stripe_id    TEXT UNIQUE,
        email        TEXT COLLATE NOCASE UNIQUE,
        loyalty_tier TEXT NOT NULL DEFAULT '',
        order_count  INTEGER NOT NULL DEFAULT 0 CHECK (order_count >= 0),
        tags         TEXT NOT NULL DEFAULT '[]',
        metadata     TEXT NOT NULL DEFAULT '{}',
        CHECK (stripe_id IS NOT NULL OR email IS NOT NULL)
    ))"_s,
    uR"(CREATE TABLE customer_spend (
        customer INTEGER NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
        currency TEXT NOT NULL CHECK (length(currency) = 3),
        amount   INTEGER NOT NULL CHECK (amount >= 0),
        PRIMARY KEY (customer, currency)
    ) WITHOUT ROWID)"_s,
};

// Version 2: limits bookkeeping and the activity log.
// Reservations and redemptions name campaigns without a foreign key on purpose: an import
// replaces every campaign row, and the usage of a campaign that keeps its id must survive it.
const QStringList version2 = {
    uR"(CREATE TABLE redemptions (
        id           INTEGER PRIMARY KEY,
        session_id   TEXT NOT NULL,
        campaign_id  TEXT NOT NULL,
        decision_id  TEXT NOT NULL,
        customer_key TEXT NOT NULL DEFAULT '',
        currency     TEXT NOT NULL CHECK (length(currency) = 3),
        amount       INTEGER NOT NULL CHECK (amount >= 0),
        redeemed_ms  INTEGER NOT NULL,
        UNIQUE (session_id, campaign_id)
    ))"_s,
    u"CREATE INDEX redemptions_campaign ON redemptions (campaign_id, currency, customer_key, amount)"_s,
    uR"(CREATE TABLE reservations (
        session_id   TEXT NOT NULL,
        decision_id  TEXT NOT NULL,
        campaign_id  TEXT NOT NULL,
        customer_key TEXT NOT NULL DEFAULT '',
        currency     TEXT NOT NULL CHECK (length(currency) = 3),
        amount       INTEGER NOT NULL CHECK (amount >= 0),
        state        TEXT NOT NULL CHECK (state IN ('pending', 'held')),
        created_ms   INTEGER NOT NULL,
        expires_ms   INTEGER NOT NULL,
        PRIMARY KEY (session_id, decision_id, campaign_id)
    ) WITHOUT ROWID)"_s,
    u"CREATE INDEX reservations_campaign ON reservations (campaign_id, expires_ms)"_s,
    u"CREATE INDEX reservations_expiry ON reservations (expires_ms)"_s,
    uR"(CREATE TABLE activity (
        id                INTEGER PRIMARY KEY AUTOINCREMENT,
        at_ms             INTEGER NOT NULL,
        actor             TEXT NOT NULL,
        action            TEXT NOT NULL,
        session_id        TEXT NOT NULL DEFAULT '',
        decision_id       TEXT NOT NULL DEFAULT '',
        before_json       TEXT NOT NULL DEFAULT '{}',
        after_json        TEXT NOT NULL DEFAULT '{}',
        stripe_request_id TEXT NOT NULL DEFAULT '',
        latency_ms        INTEGER NOT NULL DEFAULT 0,
        outcome           TEXT NOT NULL,
        message           TEXT NOT NULL DEFAULT ''
    ))"_s,
    u"CREATE INDEX activity_session ON activity (session_id, id)"_s,
    u"CREATE INDEX activity_outcome ON activity (outcome, id)"_s,
    u"CREATE INDEX activity_at ON activity (at_ms)"_s,
};

// Version 3: per-session state the service keeps between calls.
const QStringList version3 = {
    uR"(CREATE TABLE session_codes (
        session_id TEXT PRIMARY KEY NOT NULL,
        code       TEXT NOT NULL,
        updated_ms INTEGER NOT NULL
    ) WITHOUT ROWID)"_s,
    uR"(CREATE TABLE webhook_events (
        event_id     TEXT PRIMARY KEY NOT NULL,
        type         TEXT NOT NULL,
        processed_ms INTEGER NOT NULL
    ) WITHOUT ROWID)"_s,
    u"CREATE INDEX webhook_events_processed ON webhook_events (processed_ms)"_s,
};

// Version 4: who is updating a session right now, across processes sharing the database.
const QStringList version4 = {
    uR"(CREATE TABLE session_leases (
        session_id TEXT PRIMARY KEY NOT NULL,
        owner      TEXT NOT NULL,
        expires_ms INTEGER NOT NULL
    ) WITHOUT ROWID)"_s,
};

// Version 5: drafts of rule edits (the desktop app's "draft, impact, publish"). One row per
// edited campaign or segment, keyed by its kind and the id it had when the edit began: the live
// object then (base_json, NULL for a new item), the last saved draft (saved_json) and unsaved
// edits (working_json, any JSON, kept so that a closed window or a crash loses nothing). The
// live rules are untouched until the draft is published.
const QStringList version5 = {
    uR"(CREATE TABLE rule_drafts (
        kind          TEXT NOT NULL CHECK (kind IN ('campaign', 'segment')),
        item_key      TEXT NOT NULL,
        position      INTEGER NOT NULL,
        base_json     TEXT,
        saved_json    TEXT,
        working_json  TEXT,
        deleted       INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
        base_revision TEXT NOT NULL,
        updated_ms    INTEGER NOT NULL,
        updated_by    TEXT NOT NULL,
        PRIMARY KEY (kind, item_key)
    ) WITHOUT ROWID)"_s,
};

// Version 6: sessions known to have completed, so that the webhook and reconcile count each
// order once.
const QStringList version6 = {
    uR"(CREATE TABLE completed_sessions (
        session_id   TEXT PRIMARY KEY NOT NULL,
        decision_id  TEXT NOT NULL DEFAULT '',
        currency     TEXT NOT NULL CHECK (length(currency) = 3),
        amount_total INTEGER NOT NULL CHECK (amount_total >= 0),
        completed_ms INTEGER NOT NULL
    ) WITHOUT ROWID)"_s,
};

} // namespace

const QList<Migration> &migrations()
{
    static const QList<Migration> all = {
        {1, u"rule book and customer profiles"_s, version1},
        {2, u"reservations, redemptions and the activity log"_s, version2},
        {3, u"session codes and webhook events"_s, version3},
        {4, u"session update leases"_s, version4},
        {5, u"drafts of rule edits"_s, version5},
        {6, u"completed sessions"_s, version6},
    };
    return all;
}

} // namespace remise::sqlite
