#include "serviceprocess.h"

#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QRegularExpression>
#include <QTcpSocket>
#include <QThread>
#include <QTimer>

#include <csignal>

using namespace Qt::StringLiterals;

namespace remise::test {

const char *ServiceProcess::webhookSecret = "whsec_serviceTestSecret0123456789";

QByteArray ServiceReply::header(QByteArrayView name) const
{
    for (const auto &[key, value] : headers)
        if (QByteArrayView(key).compare(name, Qt::CaseInsensitive) == 0)
            return value;
    return {};
}

qint64 ServiceReply::amountTotal() const
{
    return body[u"value"][u"amount_total"].toInteger(-1);
}

qint64 ServiceReply::amountOff() const
{
    const QJsonValue discount = body[u"value"][u"discount"];
    return discount.isObject() ? discount[u"amount_off"].toInteger() : -1;
}

ServiceProcess::ServiceProcess(SandboxProcess &sandbox)
    : m_sandbox(sandbox)
{}

ServiceProcess::~ServiceProcess()
{
    if (m_process && m_process->state() != QProcess::NotRunning) {
        m_process->terminate();
        if (!m_process->waitForFinished(30'000))
            m_process->kill();
        m_process->waitForFinished(5000);
    }
}

bool ServiceProcess::start(const QStringList &extraArguments, const QMap<QString, QString> &env)
{
    m_process = std::make_unique<QProcess>();
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    for (const QString &name : {u"STRIPE_SECRET_KEY"_s, u"REMISE_STRIPE_SECRET_KEY_FILE"_s})
        environment.remove(name);
    environment.insert(u"REMISE_STRIPE_SECRET_KEY"_s, QString::fromLatin1(SandboxProcess::testKey));
    environment.insert(u"REMISE_STRIPE_API_BASE"_s, m_sandbox.baseUrl().toString());
    environment.insert(u"REMISE_DB"_s, m_sandbox.databasePath());
    environment.insert(u"REMISE_STRIPE_WEBHOOK_SECRET"_s, QString::fromLatin1(webhookSecret));
    for (auto it = env.begin(); it != env.end(); ++it)
        environment.insert(it.key(), it.value());
    m_process->setProcessEnvironment(environment);
    // stderr to a file: a pipe nobody reads would block the service once full.
    m_logPath = m_sandbox.databasePath() + u".service-%1.log"_s.arg(++m_starts);
    m_process->setStandardErrorFile(m_logPath);
    m_process->setStandardOutputFile(QProcess::nullDevice());
    m_process->start(QStringLiteral(REMISE_BIN_DIR "/remise-server"),
                     QStringList{u"serve"_s, u"--listen"_s, u"127.0.0.1:0"_s} + extraArguments);
    if (!m_process->waitForStarted(10'000)) {
        qWarning() << "remise-server serve did not start:" << m_process->errorString();
        return false;
    }
    static const QRegularExpression listening(u"^listening on (http://127\\.0\\.0\\.1:\\d+)$"_s,
                                              QRegularExpression::MultilineOption);
    QElapsedTimer timer;
    timer.start();
    while (timer.elapsed() < 15'000) {
        const auto match = listening.match(QString::fromUtf8(log()));
        if (match.hasMatch()) {
            m_base = QUrl(match.captured(1));
            return true;
        }
        // Waiting on the process also notices when it has exited.
        if (m_process->waitForFinished(20) || m_process->state() == QProcess::NotRunning)
            break;
    }
    qWarning() << "remise-server serve never said where it listens:" << log();
    return false;
}

qint64 ServiceProcess::pid() const
{
    return m_process ? m_process->processId() : 0;
}

bool ServiceProcess::isRunning() const
{
    return m_process && m_process->state() == QProcess::Running;
}

QByteArray ServiceProcess::log() const
{
    QFile file(m_logPath);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

ServiceReply ServiceProcess::request(const QByteArray &method, const QString &path,
                                     const QByteArray &body, const Headers &headers)
{
    QNetworkAccessManager network;
    QUrl url = m_base;
    url.setPath(path);
    QNetworkRequest request(url);
    bool typed = false;
    for (const auto &[name, value] : headers) {
        request.setRawHeader(name, value);
        typed = typed || name.compare("Content-Type", Qt::CaseInsensitive) == 0;
    }
    if (!typed && !body.isEmpty())
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArray("application/json"));
    QNetworkReply *reply = network.sendCustomRequest(request, method, body);
    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    QTimer::singleShot(30'000, &loop, &QEventLoop::quit);
    loop.exec();
    ServiceReply out;
    out.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    out.raw = reply->readAll();
    out.body = QJsonDocument::fromJson(out.raw).object();
    for (const auto &pair : reply->rawHeaderPairs())
        out.headers.append(pair);
    reply->deleteLater();
    return out;
}

ServiceReply ServiceProcess::post(const QString &path, const QJsonObject &body,
                                  const Headers &headers)
{
    return request("POST", path, QJsonDocument(body).toJson(QJsonDocument::Compact), headers);
}

ServiceReply ServiceProcess::refresh(const QString &sessionId)
{
    return post(u"/v1/discounts/refresh"_s, {{u"checkout_session_id"_s, sessionId}});
}

ServiceReply ServiceProcess::applyCode(const QString &sessionId, const QString &code)
{
    return post(u"/v1/discounts/code"_s,
                {{u"checkout_session_id"_s, sessionId}, {u"code"_s, code}});
}

ServiceReply ServiceProcess::removeCode(const QString &sessionId)
{
    return post(u"/v1/discounts/code/remove"_s, {{u"checkout_session_id"_s, sessionId}});
}

QByteArray ServiceProcess::raw(const QByteArray &bytes, int waitMs)
{
    QTcpSocket socket;
    socket.connectToHost(u"127.0.0.1"_s, port());
    if (!socket.waitForConnected(5000))
        return {};
    socket.write(bytes);
    socket.waitForBytesWritten(5000);
    QByteArray out;
    QElapsedTimer timer;
    timer.start();
    while (timer.elapsed() < waitMs && socket.state() == QAbstractSocket::ConnectedState) {
        if (socket.waitForReadyRead(int(std::max<qint64>(1, waitMs - timer.elapsed()))))
            out += socket.readAll();
        // A complete answer with a length: stop there (the connection may stay open).
        const qsizetype end = out.indexOf("\r\n\r\n");
        if (end > 0) {
            static const QRegularExpression length(u"(?im)^content-length:\\s*(\\d+)"_s);
            const auto m = length.match(QString::fromLatin1(out.left(end)));
            if (m.hasMatch() && out.size() >= end + 4 + m.captured(1).toLongLong() &&
                !out.startsWith("HTTP/1.1 100"))
                break;
        }
    }
    out += socket.readAll();
    return out;
}

int ServiceProcess::terminate(int waitMs)
{
    if (!m_process || m_process->state() == QProcess::NotRunning)
        return -1;
    m_process->terminate();
    if (!m_process->waitForFinished(waitMs))
        return -1;
    return m_process->exitStatus() == QProcess::NormalExit ? m_process->exitCode() : -1;
}

void ServiceProcess::kill()
{
    if (!m_process)
        return;
    ::kill(pid_t(m_process->processId()), SIGKILL);
    m_process->waitForFinished(10'000);
}

ServiceReply parseRawReply(const QByteArray &raw)
{
    ServiceReply out;
    out.raw = raw;
    QByteArray rest = raw;
    // Skip interim answers (100 Continue).
    while (rest.startsWith("HTTP/1.1 1")) {
        const qsizetype end = rest.indexOf("\r\n\r\n");
        if (end < 0)
            break;
        rest = rest.mid(end + 4);
    }
    const qsizetype end = rest.indexOf("\r\n\r\n");
    if (end < 0)
        return out;
    const QList<QByteArray> lines = rest.left(end).split('\n');
    const QList<QByteArray> statusLine = lines.value(0).split(' ');
    out.status = statusLine.value(1).toInt();
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const qsizetype colon = lines.at(i).indexOf(':');
        if (colon > 0)
            out.headers.append(
                {lines.at(i).left(colon).trimmed(), lines.at(i).mid(colon + 1).trimmed()});
    }
    out.body = QJsonDocument::fromJson(rest.mid(end + 4)).object();
    return out;
}

} // namespace remise::test
