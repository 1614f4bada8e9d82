#pragma once

#include "result.h"

#include <QStringList>
#include <QTextStream>

#include <memory>
#include <optional>

class QCommandLineParser;
class QCoreApplication;

namespace remise {
class Store;
class Clock;
} // namespace remise

/// The `remise-server` command line (DESIGN §6). Each command is a function over a Context;
/// output goes to the context's streams so commands read the same in tests and in a terminal.
namespace remise::cli {

/// Exit statuses: 0 success, 1 the command ran and failed (or lint found problems), 2 the
/// command line itself is wrong.
enum Exit { Ok = 0, Failed = 1, Usage = 2 };

struct Context
{
    QTextStream &out;
    QTextStream &err;
    const Clock &clock;
    QStringList arguments; ///< the command's own arguments, after the command words
    QString program = QStringLiteral("remise-server");
};

/// Runs the command line; returns the exit status. Needs a QCoreApplication for commands that
/// talk to the network.
int run(QCoreApplication &app, const QStringList &arguments);

// Helpers shared by the commands.
/// Prints "remise-server: <error>" on err; returns `status`.
int report(Context &ctx, const Error &error, int status = Failed);
int usageError(Context &ctx, const QString &message, const QString &command);
/// Parses the command's arguments: handles --help (prints `usage` and the options) and errors.
/// Returns an exit status when the command should stop there, nullopt to go on.
std::optional<int> parseArguments(Context &ctx, QCommandLineParser &parser, const QString &command,
                                  const QString &usage, qsizetype minPositional,
                                  qsizetype maxPositional);
/// The database path: --db, else $REMISE_DB, else the user's data directory.
QString databasePath(const QString &option);
/// Opens (and migrates) the store at `path`, telling on err when the schema was upgraded.
Result<std::unique_ptr<Store>> openStore(Context &ctx, const QString &path);
/// Reads a whole file, with a clear error naming it.
Result<QByteArray> readFile(const QString &path);
/// Parses `--now` (ISO 8601 with an offset); the clock's time when empty.
Result<qint64> parseNow(const QString &text, const Clock &clock);

int simulate(Context &ctx);
int campaigns(Context &ctx);
int customers(Context &ctx);
int db(Context &ctx);
int applyCommand(Context &ctx);
int sessions(Context &ctx);
int serve(Context &ctx);

} // namespace remise::cli
