// remise-server customers import

#include "cli.h"
#include "customerfile.h"
#include "store.h"

#include <QCommandLineParser>

using namespace Qt::StringLiterals;

namespace remise::cli {

int customers(Context &ctx)
{
    const QString sub = ctx.arguments.value(0);
    if (sub != u"import")
        return usageError(ctx,
                          sub.isEmpty()
                              ? u"customers needs a subcommand: import"_s
                              : u"unknown subcommand \"customers %1\" (expected import)"_s.arg(sub),
                          QString());
    ctx.arguments = ctx.arguments.mid(1);
    QCommandLineParser parser;
    const QCommandLineOption dbOption(u"db"_s, u"The database."_s, u"PATH"_s);
    parser.addOption(dbOption);
    parser.addPositionalArgument(
        u"FILE"_s, u"Customer profiles: .csv, or JSON (an array, or {\"customers\": [...]})."_s);
    if (auto stop = parseArguments(ctx, parser, u"customers import"_s, u"FILE [--db PATH]"_s, 1, 1))
        return *stop;
    const QString path = parser.positionalArguments().first();
    auto profiles = customerfile::load(path);
    if (!profiles)
        return report(ctx, profiles.error());
    auto store = openStore(ctx, databasePath(parser.value(dbOption)));
    if (!store)
        return report(ctx, store.error());
    if (auto saved = (*store)->importCustomers(*profiles); !saved)
        return report(ctx, saved.error());
    ctx.out << "Imported " << profiles->size() << " customer profiles from " << path << Qt::endl;
    return Ok;
}

} // namespace remise::cli
