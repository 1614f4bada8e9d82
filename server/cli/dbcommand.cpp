// remise-server db migrate|check|backup

#include "cli.h"
#include "json.h"
#include "sqlitestore.h"

#include <QCommandLineParser>
#include <QFileInfo>
#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace remise::cli {

namespace {

void printJson(Context &ctx, const QJsonObject &object)
{
    ctx.out << QString::fromUtf8(json::write(object, json::Style::Pretty)) << Qt::flush;
}

} // namespace

int db(Context &ctx)
{
    const QString sub = ctx.arguments.value(0);
    ctx.arguments = ctx.arguments.mid(1);
    if (sub != u"migrate" && sub != u"check" && sub != u"backup")
        return usageError(
            ctx, u"unknown command \"db %1\" (expected migrate, check or backup)"_s.arg(sub),
            u"db"_s);
    QCommandLineParser parser;
    const QCommandLineOption jsonOption(u"json"_s, u"Print the result as JSON."_s);
    parser.addOption(jsonOption);
    const bool backup = sub == u"backup";
    if (backup)
        parser.addPositionalArgument(u"PATH"_s, u"Where to write the copy (must not exist)."_s);
    if (auto stop =
            parseArguments(ctx, parser, u"db "_s + sub, backup ? u"PATH [--json]"_s : u"[--json]"_s,
                           backup ? 1 : 0, backup ? 1 : 0))
        return *stop;
    const bool asJson = parser.isSet(jsonOption);
    const QString path = databasePath(ctx);

    if (sub == u"migrate") {
        // The one command that upgrades a schema (besides `serve --migrate`), and one of those
        // that create a database.
        const bool existed = QFileInfo::exists(path);
        auto opened = SqliteStore::open(path);
        if (!opened)
            return report(ctx, opened.error());
        Store &store = **opened;
        const auto before = store.schemaVersion();
        if (!before)
            return report(ctx, before.error());
        if (auto migrated = store.migrate(); !migrated)
            return report(ctx, migrated.error());
        const int latest = Store::latestSchemaVersion();
        if (asJson)
            printJson(ctx, {{u"database"_s, path},
                            {u"created"_s, !existed},
                            {u"from"_s, *before},
                            {u"to"_s, latest}});
        else if (!existed)
            ctx.out << "Created " << path << " (schema version " << latest << ")." << Qt::endl;
        else if (*before == latest)
            ctx.out << path << " is up to date (schema version " << latest << ")." << Qt::endl;
        else
            ctx.out << "Migrated " << path << " from schema version " << *before << " to " << latest
                    << '.' << Qt::endl;
        return Ok;
    }

    auto opened = openStore(ctx);
    if (!opened)
        return report(ctx, opened.error());
    Store &store = **opened;
    if (sub == u"check") {
        const auto problems = store.check();
        if (!problems)
            return report(ctx, problems.error());
        if (asJson)
            printJson(ctx, {{u"database"_s, path},
                            {u"ok"_s, problems->isEmpty()},
                            {u"problems"_s, QJsonArray::fromStringList(*problems)}});
        else if (problems->isEmpty())
            ctx.out << path << ": ok" << Qt::endl;
        else
            for (const QString &problem : *problems)
                ctx.out << path << ": " << problem << Qt::endl;
        return problems->isEmpty() ? Ok : Failed;
    }
    const QString target = parser.positionalArguments().first();
    if (target == u"-")
        return usageError(ctx, u"db backup writes a database file; \"-\" is not one"_s,
                          u"db backup"_s);
    if (auto copied = store.backup(target); !copied)
        return report(ctx, copied.error());
    if (asJson)
        printJson(ctx, {{u"database"_s, path}, {u"backup"_s, target}});
    else
        ctx.out << "Backed up " << path << " to " << target << Qt::endl;
    return Ok;
}

} // namespace remise::cli
