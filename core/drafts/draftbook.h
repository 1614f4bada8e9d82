#pragma once

#include "campaign.h"
#include "result.h"
#include "store.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QList>

#include <optional>

/// The rules draft (docs/drafts.md): edits to campaigns and segments kept in the
/// database apart from the live rule book until they are published.
namespace remise::drafts {

QString kindName(DraftItem::Kind kind);

/// The problems an Error reports, one per element: its details, or the error itself.
QList<Error> problems(const Error &error);

/// An edit that no longer fits the live rules: the item changed, appeared or disappeared in the
/// live rule book after the edit began (through the command line, the service or another app).
struct Conflict
{
    DraftItem::Kind kind = DraftItem::Kind::Campaign;
    QString key;
    QString message;                 ///< one sentence for people
    std::optional<QJsonObject> live; ///< the live object now; none when it was deleted
};

/// The live rule book, its revision and the draft items, read together.
class DraftBook
{
public:
    DraftBook() = default;
    DraftBook(CampaignSet live, QString revision, QList<DraftItem> items);
    static Result<DraftBook> load(Store &store);

    const CampaignSet &live() const { return m_live; }
    const QString &revision() const { return m_revision; }
    const QList<DraftItem> &items() const { return m_items; }
    const DraftItem *item(DraftItem::Kind kind, const QString &key) const;
    /// The live object of that kind and id, as the file format writes it.
    std::optional<QJsonObject> liveObject(DraftItem::Kind kind, const QString &id) const;

    /// Whether anything is saved in the draft (saved edits or deletions; unsaved edits alone
    /// do not count).
    bool hasChanges() const;

    /// The draft as a remise/1 document: the live rules with every saved edit applied, and the
    /// unsaved edits too when `withWorking`. Possibly invalid: validate with rules().
    QJsonObject document(bool withWorking = false) const;
    /// The JSON path of an item in document(withWorking) ("$.campaigns[3]"); empty if absent.
    QString pathOf(DraftItem::Kind kind, const QString &key, bool withWorking = false) const;
    /// The key of each item of that kind in document(withWorking), in order.
    QStringList keys(DraftItem::Kind kind, bool withWorking = false) const;
    /// Replaces (or adds) one item in memory, e.g. to validate an edit before saving it.
    void put(const DraftItem &item);
    /// Forgets one item in memory.
    void remove(DraftItem::Kind kind, const QString &key);
    /// The draft rule book, validated exactly as `campaigns import` validates a file.
    Result<CampaignSet> rules(bool withWorking = false) const;

    QList<Conflict> conflicts() const;

private:
    QJsonArray composed(DraftItem::Kind kind, bool withWorking, QStringList *keys) const;

    CampaignSet m_live;
    QString m_revision;
    QList<DraftItem> m_items;
};

/// One difference between two rule books.
struct Change
{
    enum class Type { Added, Removed, Changed };

    DraftItem::Kind kind = DraftItem::Kind::Campaign;
    Type type = Type::Changed;
    QString id;
    QStringList fields; ///< top-level keys that differ (Changed only)
    QJsonObject before; ///< empty for Added
    QJsonObject after;  ///< empty for Removed

    friend bool operator==(const Change &, const Change &) = default;
};

/// What publishing `draft` over `live` changes: segments first, then campaigns, each in id order.
QList<Change> diff(const CampaignSet &live, const CampaignSet &draft);

} // namespace remise::drafts
