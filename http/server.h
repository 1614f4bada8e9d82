#pragma once

#include <QAbstractHttpServer>
#include <QHostAddress>
#include <QHttpServerRequest>
#include <QJsonObject>
#include <QUrlQuery>

#include <functional>
#include <memory>

/// A small HTTP server over QAbstractHttpServer with routes, path parameters and responses that
/// may be sent later (asynchronously) or not at all (a dropped connection). Shared by the
/// service and the sandbox.
namespace remise::http {

struct Request
{
    QHttpServerRequest::Method method = QHttpServerRequest::Method::Unknown;
    QByteArray methodName; ///< "GET", "POST", …
    QString path;          ///< decoded path, without the query
    QUrlQuery query;
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;
    QHostAddress remoteAddress;
    QStringList pathParams; ///< values of the route's {placeholders}, in order

    /// Header value by case-insensitive name; empty if absent.
    QByteArray header(QByteArrayView name) const;
    bool hasHeader(QByteArrayView name) const;
};

struct Response
{
    int status = 200;
    QByteArray body;
    QByteArray contentType = "application/json";
    QList<QPair<QByteArray, QByteArray>> headers;

    static Response json(int status, const QJsonObject &object);
    static Response text(int status, const QByteArray &text);
    Response &withHeader(const QByteArray &name, const QByteArray &value);
};

/// The way back to one client. Handlers get a shared pointer and may answer at once or later;
/// answering after the client went away does nothing. Connections stay open for the next
/// request unless the client sent `Connection: close`: then the answer says so and closes.
class Responder
{
public:
    virtual ~Responder() = default;
    virtual void send(const Response &response) = 0;
    /// Closes the connection without an answer (for fault injection).
    virtual void drop() = 0;
    /// Writes raw bytes and closes: for answers that are deliberately not valid HTTP bodies.
    virtual void sendRaw(const QByteArray &bytes) = 0;
    virtual bool isOpen() const = 0;
};

using Handler = std::function<void(const Request &, std::shared_ptr<Responder>)>;

class Server : public QAbstractHttpServer
{
    Q_OBJECT
public:
    explicit Server(QObject *parent = nullptr);
    ~Server() override;

    /// Adds a route. `pattern` is a path whose segments may be "{name}" placeholders matching
    /// one non-empty segment, or end in "*" to match any rest. Routes are tried in order.
    void route(QByteArrayView method, const QString &pattern, Handler handler);
    /// Called for every request before routing; return true to say it was answered.
    void setFilter(std::function<bool(const Request &, const std::shared_ptr<Responder> &)> filter);
    /// Called when no route matches; the default answers a plain-text 404 (an API installs
    /// its own error shape here).
    void setFallback(Handler handler);
    /// Called when a path matches a route but not with this method; default: plain-text 405.
    void setMethodNotAllowed(Handler handler);

    /// Starts listening; returns the port, or 0 on failure.
    quint16 listenOn(const QHostAddress &address, quint16 port);

protected:
    bool handleRequest(const QHttpServerRequest &request, QTcpSocket *socket) override;
    void missingHandler(const QHttpServerRequest &request, QTcpSocket *socket) override;

private:
    struct Route;
    QList<Route> m_routes;
    Handler m_fallback;
    Handler m_methodNotAllowed;
    std::function<bool(const Request &, const std::shared_ptr<Responder> &)> m_filter;
};

/// Whether `name` is an HTTP token (a valid header name).
bool isHeaderName(QByteArrayView name);
/// Whether `value` can go in a header: no CR, LF or NUL. Responses leave out headers that
/// fail either check (and log it), so a value taken from a request cannot split a response.
bool isSafeHeaderValue(QByteArrayView value);

/// "GET" for Method::Get, …
QByteArray methodName(QHttpServerRequest::Method method);
/// The reason phrase of a status code ("Not Found").
QByteArray reasonPhrase(int status);

} // namespace remise::http
