// remise-server db migrate|check|backup

#include "cli.h"
#include "sqlitestore.h"

#include <QCommandLineParser>

using namespace Qt::StringLiterals;

namespace remise::cli {

int db(Context &ctx)
{
    const QString sub = ctx.arguments.value(0);
    ctx.arguments = ctx.arguments.mid(1);
    if (sub != u"migrate" && sub != u"check" && sub != u"backup")
        return usageError(
            ctx,
            sub.isEmpty()
                ? u"db needs a subcommand: migrate, check or backup"_s
                : u"unknown subcommand \"db %1\" (expected migrate, check or backup)"_s.arg(sub),
            QString());
    QCommandLineParser parser;
    const QCommandLineOption dbOption(u"db"_s, u"The database."_s, u"PATH"_s);
    parser.addOption(dbOption);
    const bool backup = sub == u"backup";
    if (backup)
        parser.addPositionalArgument(u"PATH"_s, u"Where to write the copy (must not exist)."_s);
    if (auto stop = parseArguments(ctx, parser, u"db "_s + sub,
                                   backup ? u"PATH [--db PATH]"_s : u"[--db PATH]"_s,
                                   backup ? 1 : 0, backup ? 1 : 0))
        return *stop;
    const QString path = databasePath(parser.value(dbOption));

    auto opened = SqliteStore::open(path);
    if (!opened)
        return report(ctx, opened.error());
    Store &store = **opened;
    if (sub == u"migrate") {
        const auto before = store.schemaVersion();
        if (!before)
            return report(ctx, before.error());
        if (auto migrated = store.migrate(); !migrated)
            return report(ctx, migrated.error());
        const int latest = Store::latestSchemaVersion();
        if (*before == latest)
            ctx.out << path << " is up to date (schema version " << latest << ")." << Qt::endl;
        else
            ctx.out << "Migrated " << path << " from schema version " << *before << " to " << latest
                    << '.' << Qt::endl;
        return Ok;
    }
    if (sub == u"check") {
        const auto problems = store.check();
        if (!problems)
            return report(ctx, problems.error());
        if (problems->isEmpty()) {
            ctx.out << path << ": ok" << Qt::endl;
            return Ok;
        }
        for (const QString &problem : *problems)
            ctx.out << path << ": " << problem << Qt::endl;
        return Failed;
    }
    const QString target = parser.positionalArguments().first();
    if (auto copied = store.backup(target); !copied)
        return report(ctx, copied.error());
    ctx.out << "Backed up " << path << " to " << target << Qt::endl;
    return Ok;
}

} // namespace remise::cli
