#pragma once

// Test support: runs the real `remise-server serve` binary on a free loopback port against a
// SandboxProcess (its API base and its database), and talks to it over HTTP or raw TCP.

#include "sandboxprocess.h"

#include <QJsonObject>
#include <QMap>
#include <QProcess>
#include <QUrl>

#include <memory>

namespace remise::test {

struct ServiceReply
{
    int status = 0;
    QJsonObject body;
    QByteArray raw;
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray header(QByteArrayView name) const;
    /// "code" of an error body, empty for a success.
    QString code() const { return body.value(u"code").toString(); }
    /// value.amount_total of a success.
    qint64 amountTotal() const;
    /// value.discount.amount_off of a success; -1 when the discount is null.
    qint64 amountOff() const;
};

using Headers = QList<QPair<QByteArray, QByteArray>>;

class ServiceProcess
{
public:
    explicit ServiceProcess(SandboxProcess &sandbox);
    ~ServiceProcess();

    /// Starts `remise-server serve --listen 127.0.0.1:0` with the sandbox as Stripe, its
    /// database, the test key and `env` on top; false with a message on failure.
    bool start(const QStringList &extraArguments = {}, const QMap<QString, QString> &env = {});
    QUrl baseUrl() const { return m_base; }
    quint16 port() const { return quint16(m_base.port()); }
    qint64 pid() const;
    bool isRunning() const;

    ServiceReply request(const QByteArray &method, const QString &path, const QByteArray &body = {},
                         const Headers &headers = {});
    ServiceReply post(const QString &path, const QJsonObject &body, const Headers &headers = {});
    ServiceReply refresh(const QString &sessionId);
    ServiceReply applyCode(const QString &sessionId, const QString &code);
    ServiceReply removeCode(const QString &sessionId);

    /// Writes `bytes` on a fresh TCP connection (in pieces separated by `pauseMs` when
    /// `pieces` > 1) and returns everything read until the server closes or `waitMs` passes.
    QByteArray raw(const QByteArray &bytes, int waitMs = 5000);

    /// SIGTERM, then waits; the exit code (-1 when it crashed or did not stop in time).
    int terminate(int waitMs = 30'000);
    void kill();
    /// Everything the service wrote on stderr so far.
    QByteArray log() const;

    static const char *webhookSecret;

private:
    SandboxProcess &m_sandbox;
    std::unique_ptr<QProcess> m_process;
    QString m_logPath;
    QUrl m_base;
    int m_starts = 0;
};

/// Parses a raw HTTP answer: status, headers, JSON body.
ServiceReply parseRawReply(const QByteArray &raw);

} // namespace remise::test
