#pragma once

#include <QList>
#include <QString>
#include <QStringList>

namespace remise::sqlite {

/// One step of the SQLite schema. Steps are applied in order, each in its own transaction, and
/// recorded in schema_migrations; a released step is never edited, only followed by new ones.
struct Migration
{
    int version;
    QString description;
    QStringList statements;
};

/// Every step, in order: element i brings the schema to version i + 1.
const QList<Migration> &migrations();

} // namespace remise::sqlite

namespace remise::sqlite::schema {
// The version that created the tables each group of operations uses.
constexpr int rules = 1;
constexpr int customers = 1;
constexpr int limits = 2;
constexpr int activity = 2;
constexpr int sessions = 3;
constexpr int leases = 4;
constexpr int drafts = 5;
constexpr int orders = 6;
} // namespace remise::sqlite::schema
