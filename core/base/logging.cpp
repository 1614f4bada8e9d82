#include "logging.h"

#include "json.h"
#include "secrets.h"

#include <QDateTime>
#include <QJsonObject>
#include <QMutex>

#include <cstdio>

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcEngine, "remise.core.engine", QtInfoMsg)
Q_LOGGING_CATEGORY(lcStore, "remise.store", QtInfoMsg)
Q_LOGGING_CATEGORY(lcStripe, "remise.stripe", QtInfoMsg)
Q_LOGGING_CATEGORY(lcWorkflow, "remise.workflow", QtInfoMsg)
Q_LOGGING_CATEGORY(lcHttp, "remise.http", QtInfoMsg)
Q_LOGGING_CATEGORY(lcSandbox, "remise.sandbox", QtInfoMsg)
Q_LOGGING_CATEGORY(lcCli, "remise.cli", QtInfoMsg)

namespace remise::logging {

namespace {

Format g_format = Format::Text;

QString levelName(QtMsgType type)
{
    switch (type) {
    case QtDebugMsg:
        return u"debug"_s;
    case QtInfoMsg:
        return u"info"_s;
    case QtWarningMsg:
        return u"warning"_s;
    case QtCriticalMsg:
        return u"error"_s;
    case QtFatalMsg:
        return u"fatal"_s;
    }
    return u"info"_s;
}

void handler(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    static QMutex mutex;
    const QString time = QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs);
    const QString category = QString::fromUtf8(context.category ? context.category : "default");
    const QString text = redactSecrets(message);
    QByteArray line;
    if (g_format == Format::Json) {
        const QJsonObject object{{u"time"_s, time},
                                 {u"level"_s, levelName(type)},
                                 {u"category"_s, category},
                                 {u"message"_s, text}};
        line = json::write(object, json::Style::Compact, {u"time"_s, u"level"_s, u"category"_s});
    } else {
        line = (time + u' ' + levelName(type) + u' ' + category + u": "_s + text).toUtf8();
    }
    line += '\n';
    const QMutexLocker lock(&mutex);
    std::fwrite(line.constData(), 1, size_t(line.size()), stderr);
    std::fflush(stderr);
    if (type == QtFatalMsg)
        std::abort();
}

} // namespace

void install(Format format)
{
    g_format = format;
    qInstallMessageHandler(handler);
}

} // namespace remise::logging
