// The remise-server command line run in-process through cli::run() with buffers, an
// environment of the test's own and real SQLite files, or spawned as the built binary: the
// helpers of the command-line test programs.
#pragma once

#include "campaignfile.h"
#include "cli.h"
#include "clock.h"
#include "sqlitestore.h"

#include <QBuffer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QTemporaryDir>
#include <QtTest>

using namespace Qt::StringLiterals;

namespace clitest {

struct Run
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

inline const QString examples = QStringLiteral(REMISE_TEST_DATA "/examples/");
inline const QString cliData = QStringLiteral(REMISE_TEST_DATA "/cli/");

struct Options
{
    QMap<QString, QString> env;
    QByteArray stdinBytes;
    bool terminal = false;
};

/// remise-server in-process: `db` becomes REMISE_DB when given.
inline Run cli(const QStringList &arguments, const QString &db = {}, const Options &options = {})
{
    QByteArray outBytes;
    QByteArray errBytes;
    QBuffer outBuffer(&outBytes);
    QBuffer errBuffer(&errBytes);
    outBuffer.open(QIODevice::WriteOnly);
    errBuffer.open(QIODevice::WriteOnly);
    QTextStream out(&outBuffer);
    QTextStream err(&errBuffer);
    QBuffer in;
    in.setData(options.stdinBytes);
    in.open(QIODevice::ReadOnly);
    QProcessEnvironment env;
    if (!db.isEmpty())
        env.insert(u"REMISE_DB"_s, db);
    for (auto it = options.env.begin(); it != options.env.end(); ++it)
        env.insert(it.key(), it.value());
    remise::cli::Context ctx(out, err, in, remise::SystemClock::instance(), env);
    ctx.outIsTerminal = options.terminal;
    ctx.errIsTerminal = options.terminal;
    const int status = remise::cli::run(ctx, arguments);
    out.flush();
    err.flush();
    return {status, outBytes, errBytes};
}

/// The built binary, for what only a process shows.
inline Run spawn(const QString &binary, const QStringList &arguments, const QString &db = {})
{
    QProcess process;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(u"REMISE_DB"_s);
    env.remove(u"QT_LOGGING_RULES"_s);
    if (!db.isEmpty())
        env.insert(u"REMISE_DB"_s, db);
    process.setProcessEnvironment(env);
    process.start(QStringLiteral(REMISE_BIN_DIR "/") + binary, arguments);
    if (!process.waitForFinished(60'000)) {
        process.kill();
        return {};
    }
    return {process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1,
            process.readAllStandardOutput(), process.readAllStandardError()};
}

inline QJsonValue parseJson(const QByteArray &bytes)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(bytes, &error);
    if (error.error != QJsonParseError::NoError)
        qWarning() << "not JSON:" << error.errorString() << bytes.left(500);
    return doc.isObject() ? QJsonValue(doc.object()) : QJsonValue(doc.array());
}

inline QByteArray readAll(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return file.readAll();
}

inline QJsonValue readJson(const QString &path)
{
    return parseJson(readAll(path));
}

inline bool writeText(const QString &path, const QByteArray &content)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(content) == content.size();
}

inline const QStringList workedExample = {u"simulate"_s,
                                          u"--campaigns"_s,
                                          examples + u"campaigns.json"_s,
                                          u"--session"_s,
                                          examples + u"session-open.json"_s,
                                          u"--customer"_s,
                                          examples + u"customer-claire.json"_s,
                                          u"--now"_s,
                                          u"2026-11-28T12:00:00+01:00"_s};

inline QJsonObject campaignIn(const QByteArray &decision, const QString &id)
{
    for (const QJsonValue &c : parseJson(decision)[u"campaigns"].toArray())
        if (c[u"id"].toString() == id)
            return c.toObject();
    return {};
}

/// A database holding the example rules (and, when asked, the customers CSV).
inline QString exampleDatabase(const QTemporaryDir &dir, bool customers = false)
{
    const QString db = dir.filePath(u"remise.db"_s);
    if (cli({u"campaigns"_s, u"import"_s, examples + u"campaigns.json"_s}, db).exitCode != 0)
        return {};
    if (customers &&
        cli({u"customers"_s, u"import"_s, cliData + u"customers.csv"_s}, db).exitCode != 0)
        return {};
    return db;
}

inline std::optional<remise::CustomerProfile> profileOf(const QString &db, const QString &id)
{
    auto store = remise::SqliteStore::open(db);
    if (!store)
        return std::nullopt;
    auto found = (*store)->findCustomer(id, {});
    if (!found)
        return std::nullopt;
    return *found;
}

} // namespace clitest
