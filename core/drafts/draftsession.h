#pragma once

#include "clock.h"
#include "draftbook.h"
#include "store.h"

/// Editing the rules draft: what the desktop app's Campaigns and Segments pages do with it,
/// without widgets, so that it is tested on its own.
namespace remise::drafts {

class DraftSession
{
public:
    DraftSession(Store &store, const Clock &clock, QString actor);

    /// Reads the live rules and the draft again.
    Status reload();
    const DraftBook &book() const { return m_book; }
    /// Whether the live rules changed since the last reload (another process published).
    bool liveChanged();

    /// The object an editor shows for an item: its unsaved edits, else its saved draft, else
    /// the live object.
    std::optional<QJsonObject> current(DraftItem::Kind kind, const QString &key) const;
    /// A fresh key for a new item.
    static QString newKey();

    /// Stores unsaved edits (any JSON, even invalid): nothing is lost if the app stops now.
    Status keepWorking(DraftItem::Kind kind, const QString &key, const QJsonObject &object);
    /// The problems of the draft with `object` saved for this item, exactly as
    /// `campaigns import` would report them for the whole document.
    QList<Error> problems(DraftItem::Kind kind, const QString &key,
                          const QJsonObject &object) const;
    /// The JSON path of the item in the document problems() validates.
    QString pathOf(DraftItem::Kind kind, const QString &key) const;
    /// The draft rule book with `object` saved for this item (for lint and segment counts).
    Result<CampaignSet> rulesWith(DraftItem::Kind kind, const QString &key,
                                  const QJsonObject &object) const;
    /// Saves the edit into the draft: refused (with the problems under the item's path) unless
    /// valid. An edit back to the live object leaves the draft.
    Status save(DraftItem::Kind kind, const QString &key, const QJsonObject &object);
    /// Drops unsaved edits; a new item never saved disappears.
    Status revert(DraftItem::Kind kind, const QString &key);
    /// Marks an item deleted in the draft (a new one just disappears).
    Status remove(DraftItem::Kind kind, const QString &key);
    /// Resolves a conflict by keeping the draft's version over the live one now.
    Status keepMine(DraftItem::Kind kind, const QString &key);
    /// Resolves a conflict (or drops an edit) by taking the live version.
    Status discard(DraftItem::Kind kind, const QString &key);
    /// Drops the whole draft.
    Status discardAll();
    /// Makes the draft equal to a rule book (an imported file): every difference from the live
    /// rules becomes a saved draft item.
    Status replaceWith(const CampaignSet &rules);
    /// Publishes the saved draft in one transaction; refused when it has problems, conflicts
    /// with the live rules, or the live rules changed since the last reload.
    Status publish();

private:
    DraftItem itemFor(DraftItem::Kind kind, const QString &key) const;
    Status write(DraftItem item);

    Store &m_store;
    const Clock &m_clock;
    QString m_actor;
    DraftBook m_book;
};

} // namespace remise::drafts
