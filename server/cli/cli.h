#pragma once

#include "result.h"
#include "settings.h"

#include <QProcessEnvironment>
#include <QStringList>
#include <QTextStream>

#include <memory>
#include <optional>

class QCommandLineParser;
class QCoreApplication;
class QIODevice;

namespace remise {
class Store;
class Clock;
namespace stripe {
class Client;
class Transport;
} // namespace stripe
} // namespace remise

/// The `remise-server` command line (docs/cli.md). Each command is a function over a Context;
/// output goes to the context's streams, so commands run the same in tests (in-process, with
/// buffers, a manual clock and an environment of their own) and in a terminal.
namespace remise::cli {

/// Error codes of the command line, besides the core's.
namespace errc {
/// The database file does not exist (and the command only reads or decides).
inline const QString noDatabase = QStringLiteral("database_missing");
} // namespace errc

/// Exit statuses: 0 success, 1 the command ran and failed (or lint found problems), 2 the
/// command line itself is wrong. Every command maps errors through exitStatusFor().
enum Exit { Ok = 0, Failed = 1, Usage = 2 };

/// The exit status for an error: 2 for wrong usage, 1 for everything else. The one place that
/// decides it for every command.
int exitStatusFor(const Error &error);

struct Context
{
    Context(QTextStream &out_, QTextStream &err_, QIODevice &in_, const Clock &clock_,
            QProcessEnvironment environment_)
        : out(out_)
        , err(err_)
        , in(in_)
        , clock(clock_)
        , environment(std::move(environment_))
    {}

    QTextStream &out;
    QTextStream &err;
    QIODevice &in; ///< standard input, for "-"
    const Clock &clock;
    QProcessEnvironment environment;
    QString program = QStringLiteral("remise-server");
    bool outIsTerminal = false; ///< colour on out only then (and never with NO_COLOR)
    bool errIsTerminal = false;

    // Filled by run() as it parses the command line.
    QStringList arguments; ///< the command's own arguments, after the command words
    QString command;       ///< the command words, e.g. "campaigns import"
    QString dbOption;      ///< --db, given before or after the command
    bool verbose = false;  ///< -v / --verbose, before or after the command
    Settings settings;     ///< from the environment (the command line's --db applied later)
};

/// Runs one command line (`arguments` without the program name); returns the exit status.
/// Commands that talk to the network need a QCoreApplication (they run an event loop).
int run(Context &ctx, const QStringList &arguments);
/// The process's command line: stdio, the system clock and environment.
int run(QCoreApplication &app, const QStringList &arguments);

// Helpers shared by the commands.
/// Prints "remise-server: <code>: <error>" on err, once; returns exitStatusFor(error).
int report(Context &ctx, const Error &error);
int usageError(Context &ctx, const QString &message, const QString &command);
/// Parses the command's arguments: adds the global options (--db, -v/--verbose) and --help,
/// handles --help (prints `usage` and the options) and errors. Returns an exit status when the
/// command should stop there, nullopt to go on.
std::optional<int> parseArguments(Context &ctx, QCommandLineParser &parser, const QString &command,
                                  const QString &usage, qsizetype minPositional,
                                  qsizetype maxPositional);
/// The database path: --db, else $REMISE_DB, else the config file's, else the data directory.
QString databasePath(const Context &ctx);

enum class OpenMode {
    Existing, ///< the file must exist with the current schema (commands that read or decide)
    Create,   ///< a missing file is created at the current schema (db migrate, the imports)
};
/// Opens the store. Never migrates an existing database: an outdated schema is an error naming
/// both versions and the fix; a newer one is refused.
Result<std::unique_ptr<Store>> openStore(Context &ctx, OpenMode mode = OpenMode::Existing);
/// Reads a whole file ("-" is standard input), with a clear error naming it.
Result<QByteArray> readFile(Context &ctx, const QString &path);
/// Writes a whole file atomically ("-" is standard output).
Status writeFile(Context &ctx, const QString &path, const QByteArray &bytes);
/// Parses `--now` (ISO 8601 with an offset); the clock's time when empty.
Result<qint64> parseNow(const QString &text, const Clock &clock);
/// The Stripe client as the settings configure it (key, API base, version, timeouts).
Result<std::unique_ptr<stripe::Client>> makeClient(Context &ctx, bool allowLive,
                                                   stripe::Transport *network);
/// "1 customer profile", "2 customer profiles".
QString plural(qint64 n, const QString &singular, const QString &pluralForm = {});
/// Text wrapped in an ANSI colour when `enabled` (red, yellow, green, bold).
enum class Colour { Red, Yellow, Green, Bold };
QString colour(const Context &ctx, bool onOut, Colour c, const QString &text);
/// Prints rows as a table: columns as wide as their widest cell; `rightAligned` columns
/// (numbers, amounts) aligned to the right. The first row is the header.
void printTable(Context &ctx, const QList<QStringList> &rows,
                const QList<qsizetype> &rightAligned = {});

int simulate(Context &ctx);
int campaigns(Context &ctx);
int customers(Context &ctx);
int db(Context &ctx);
int applyCommand(Context &ctx);
int sessions(Context &ctx);
int reconcile(Context &ctx);
int serve(Context &ctx);

} // namespace remise::cli
