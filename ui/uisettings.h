#pragma once

#include <QString>
#include <QUrl>

class QHeaderView;
class QSplitter;
class QWidget;

namespace remise::ui {

/// What the desktop app remembers in QSettings: connection choices (never the key: see
/// KeyStore) and the layout — window geometry, column widths, splitter positions.
struct ConnectionSettings
{
    QUrl apiBase;           ///< empty: Stripe's
    QString databasePath;   ///< empty: the default
    QString serviceAddress; ///< where `remise-server serve` listens, for reference
    bool allowLive = false;

    static ConnectionSettings load();
    void save() const;
    /// REMISE_DB, else the user's data directory (as the command line).
    static QString defaultDatabasePath();
    /// Whether anything was ever configured (first start otherwise).
    static bool configured();
};

namespace layout {
/// Restores now and saves when `header` is destroyed, under `key`.
void remember(QHeaderView *header, const QString &key);
void remember(QSplitter *splitter, const QString &key);
} // namespace layout

} // namespace remise::ui
