#pragma once

#include "decision.h"

#include <QCoreApplication>
#include <QString>

namespace remise {
struct Campaign;
struct Address;
} // namespace remise

/// How the desktop app words things for people: money, dates and times in the user's locale
/// and time zone, and a decision's reason codes as translated sentences (docs/desktop.md).
namespace remise::ui::text {

/// An amount in minor units as the user's locale writes money: "36,00 €", "€36.00".
QString money(qint64 minorUnits, const QString &currency);
/// A moment (ms since the epoch) in the user's time zone, short format.
QString dateTime(qint64 ms);
/// A Stripe timestamp (seconds since the epoch).
QString stripeTime(qint64 seconds);
/// A file path for people: native separators, the home directory as "~".
QString path(const QString &path);
/// One-line postal address, or empty.
QString address(const Address &address);

/// Why `campaign` did (or did not) apply, as one sentence in the user's language; `campaign`
/// may be null (it was deleted meanwhile). The stable code goes in a tooltip.
QString reason(Reason reason, const Campaign *campaign, const QString &currency);
/// An activity outcome (applied, removed, unchanged, refused, failed…) for people.
QString outcome(const QString &outcome);
/// An activity action (apply, refresh, code, remove_code, remove, webhook).
QString action(const QString &action);
/// A session status (open, complete, expired).

QString sessionStatus(const QString &status);
/// Who did something, from an activity actor ("desktop:claire", "service", "cli").
QString actor(const QString &actor);

class Tr
{
    Q_DECLARE_TR_FUNCTIONS(Text)
};

} // namespace remise::ui::text
