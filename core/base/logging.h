#pragma once

#include <QLoggingCategory>

// One category per module; enable debug output with e.g.
// QT_LOGGING_RULES="remise.stripe.debug=true".
Q_DECLARE_LOGGING_CATEGORY(lcEngine)
Q_DECLARE_LOGGING_CATEGORY(lcStore)
Q_DECLARE_LOGGING_CATEGORY(lcStripe)
Q_DECLARE_LOGGING_CATEGORY(lcWorkflow)
Q_DECLARE_LOGGING_CATEGORY(lcHttp)
Q_DECLARE_LOGGING_CATEGORY(lcSandbox)
Q_DECLARE_LOGGING_CATEGORY(lcCli)

namespace remise::logging {

enum class Format {
    Text, ///< "2026-11-28T11:00:00.000Z warning remise.stripe: message"
    Json  ///< one JSON object per line, for log collectors
};

/// Installs the process's only message handler: lines on stderr, secrets redacted, debug
/// messages hidden unless enabled by category rules.
void install(Format format);

} // namespace remise::logging
