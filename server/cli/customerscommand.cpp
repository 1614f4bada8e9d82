// remise-server customers import: profiles from CSV or JSON, merged into the stored ones.

#include "cli.h"
#include "customerimport.h"
#include "json.h"
#include "store.h"

#include <QCommandLineParser>
#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace remise::cli {

namespace {

int importProfiles(Context &ctx)
{
    QCommandLineParser parser;
    const QCommandLineOption formatOption(
        u"format"_s, u"csv or json (default: from the file name; \"-\": from the content)."_s,
        u"FORMAT"_s);
    const QCommandLineOption replaceOption(
        u"replace"_s, u"Replace whole profiles: fields the file leaves out are cleared."_s);
    const QCommandLineOption dryRunOption(u"dry-run"_s,
                                          u"Report what would change; write nothing."_s);
    const QCommandLineOption jsonOption(u"json"_s, u"Print the report as JSON."_s);
    parser.addOptions({formatOption, replaceOption, dryRunOption, jsonOption});
    parser.addPositionalArgument(
        u"FILE"_s,
        u"Profiles: CSV, or JSON (an array, or {\"customers\": [...]}); \"-\": stdin."_s);
    if (auto stop =
            parseArguments(ctx, parser, u"customers import"_s,
                           u"FILE [--format csv|json] [--replace] [--dry-run] [--json]"_s, 1, 1))
        return *stop;
    const QString path = parser.positionalArguments().first();
    const QString what = path == u"-" ? u"<stdin>"_s : path;
    QString format = parser.value(formatOption).toLower();
    if (!format.isEmpty() && format != u"csv" && format != u"json")
        return usageError(ctx, u"--format must be csv or json, not \"%1\""_s.arg(format),
                          u"customers import"_s);

    const auto bytes = readFile(ctx, path);
    if (!bytes)
        return report(ctx, bytes.error());
    const customerimport::Format fileFormat = format.isEmpty()
                                                  ? customerimport::guessFormat(path, *bytes)
                                              : format == u"csv" ? customerimport::Format::Csv
                                                                 : customerimport::Format::Json;
    // The whole file is validated before the database is touched: all or nothing. The same
    // reading as the desktop app's Customers page.
    const auto patches =
        customerimport::readPatches(*bytes, fileFormat, what, parser.isSet(replaceOption));
    if (!patches)
        return report(ctx, patches.error());

    auto store = openStore(ctx, parser.isSet(dryRunOption) ? OpenMode::Existing : OpenMode::Create);
    if (!store)
        return report(ctx, store.error());
    const auto result = (*store)->mergeCustomers(*patches, parser.isSet(dryRunOption));
    if (!result)
        return report(ctx, result.error());

    if (parser.isSet(jsonOption)) {
        ctx.out << QString::fromUtf8(json::write(
                       result->toJson({u"customer"_s}), json::Style::Pretty,
                       {u"dry_run"_s, u"customers"_s, u"created"_s, u"changed"_s, u"unchanged"_s,
                        u"removed"_s, u"changes"_s, u"type"_s, u"id"_s, u"change"_s, u"fields"_s}))
                << Qt::flush;
        return Ok;
    }
    using Kind = ImportChange::Kind;
    const QString type = u"customer"_s;
    ctx.out << (result->dryRun ? "Would import " : "Imported ")
            << plural(patches->size(), u"customer profile"_s) << " from " << what << ": "
            << result->count(type, Kind::Created) << " created, "
            << result->count(type, Kind::Changed) << " changed, "
            << result->count(type, Kind::Unchanged) << " unchanged, "
            << result->count(type, Kind::Removed) << " removed." << Qt::endl;
    if (ctx.verbose || result->dryRun)
        for (const ImportChange &c : result->changes)
            if (c.kind == Kind::Changed)
                ctx.out << "  changed " << c.id << ": " << c.fields.join(u", "_s) << Qt::endl;
    return Ok;
}

} // namespace

int customers(Context &ctx)
{
    const QString sub = ctx.arguments.value(0);
    if (sub != u"import")
        return usageError(ctx, u"unknown command \"customers %1\" (expected import)"_s.arg(sub),
                          u"customers"_s);
    ctx.arguments = ctx.arguments.mid(1);
    return importProfiles(ctx);
}

} // namespace remise::cli
