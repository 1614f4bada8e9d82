#include "demo.h"

#include "campaignfile.h"
#include "customerfile.h"
#include "sqlitestore.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>

using namespace Qt::StringLiterals;

namespace remise::ui {

DemoSandbox::DemoSandbox(QObject *parent)
    : QObject(parent)
{}

DemoSandbox::~DemoSandbox()
{
    stop();
}

QString DemoSandbox::sandboxBinary()
{
    const QString beside = QCoreApplication::applicationDirPath() + u"/remise-sandbox"_s;
    if (QFileInfo(beside).isExecutable())
        return beside;
    const QString configured = qEnvironmentVariable("REMISE_SANDBOX");
    if (!configured.isEmpty())
        return configured;
    return QStandardPaths::findExecutable(u"remise-sandbox"_s);
}

Result<QUrl> DemoSandbox::start(int timeoutMs)
{
    stop();
    const QString binary = sandboxBinary();
    if (binary.isEmpty())
        return fail(u"sandbox_missing"_s,
                    u"remise-sandbox was not found beside the app, in $REMISE_SANDBOX or on the "
                    u"PATH"_s);
    m_process = new QProcess(this);
    m_process->setProcessChannelMode(QProcess::SeparateChannels);
    m_process->start(binary, {u"--seed"_s, u"demo"_s, u"--listen"_s, u"127.0.0.1:0"_s});
    if (!m_process->waitForStarted(timeoutMs))
        return fail(u"sandbox_failed"_s,
                    u"cannot start %1: %2"_s.arg(binary, m_process->errorString()));
    static const QRegularExpression listening(u"listening on (http://127\\.0\\.0\\.1:\\d+)"_s);
    QByteArray out;
    QDeadlineTimer deadline(timeoutMs);
    while (!deadline.hasExpired()) {
        if (m_process->state() != QProcess::Running)
            break;
        m_process->waitForReadyRead(100);
        out += m_process->readAllStandardOutput();
        const auto match = listening.match(QString::fromUtf8(out));
        if (match.hasMatch()) {
            m_url = QUrl(match.captured(1));
            return m_url;
        }
    }
    const QString err = QString::fromUtf8(m_process->readAllStandardError()).trimmed();
    stop();
    return fail(u"sandbox_failed"_s, u"remise-sandbox did not start: %1"_s.arg(err));
}

void DemoSandbox::stop()
{
    if (!m_process)
        return;
    if (m_process->state() != QProcess::NotRunning) {
        m_process->terminate();
        if (!m_process->waitForFinished(3000)) {
            m_process->kill();
            m_process->waitForFinished(1000);
        }
    }
    delete m_process;
    m_process = nullptr;
    m_url.clear();
}

QString DemoSandbox::defaultDatabasePath()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + u"/demo.db"_s;
}

Status DemoSandbox::createDatabase(const QString &path)
{
    for (const QString &suffix : {u""_s, u"-wal"_s, u"-shm"_s})
        if (QFileInfo::exists(path + suffix) && !QFile::remove(path + suffix))
            return fail(u"io_error"_s, u"cannot replace the old demo database %1"_s.arg(path));
    auto store = SqliteStore::open(path);
    if (!store)
        return fail(store.error());
    if (auto migrated = (*store)->migrate(); !migrated)
        return fail(migrated.error());
    QFile campaigns(u":/remise/demo/campaigns.json"_s);
    QFile customers(u":/remise/demo/customers.json"_s);
    if (!campaigns.open(QIODevice::ReadOnly) || !customers.open(QIODevice::ReadOnly))
        return fail(u"io_error"_s, u"the demo data is missing from the build"_s);
    auto rules = campaignfile::parse(campaigns.readAll(), u"the demo campaigns"_s);
    if (!rules)
        return fail(rules.error());
    if (auto replaced = (*store)->replaceRules(*rules); !replaced)
        return fail(replaced.error());
    auto profiles = customerfile::parseJson(customers.readAll(), u"the demo customers"_s);
    if (!profiles)
        return fail(profiles.error());
    if (auto imported = (*store)->importCustomers(*profiles); !imported)
        return fail(imported.error());
    return {};
}

} // namespace remise::ui
