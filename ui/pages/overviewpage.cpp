#include "overviewpage.h"

#include "appcontext.h"
#include "campaign.h"
#include "clock.h"
#include "store.h"
#include "text.h"
#include "updateworkflow.h"

#include <QAction>
#include <QGridLayout>
#include <QGroupBox>
#include <QHeaderView>
#include <QLabel>
#include <QPainter>
#include <QScrollArea>
#include <QToolBar>
#include <QTreeWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace remise::ui {

UsageBars::UsageBars(QWidget *parent)
    : QWidget(parent)
{
    setObjectName(u"usageBars"_s);
    setAccessibleName(tr("Budget and cap use per campaign"));
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Minimum);
}

void UsageBars::setBars(QList<Bar> bars)
{
    m_bars = std::move(bars);
    QStringList description;
    for (const Bar &bar : std::as_const(m_bars))
        description.append(bar.label + u": "_s + bar.value);
    setAccessibleDescription(description.join(u"; "_s));
    setToolTip(description.join(u"\n"_s));
    updateGeometry();
    update();
}

int UsageBars::rowHeight() const
{
    return fontMetrics().height() * 2 + 14;
}

QSize UsageBars::sizeHint() const
{
    return {fontMetrics().averageCharWidth() * 60, int(m_bars.size()) * rowHeight() + 4};
}

QSize UsageBars::minimumSizeHint() const
{
    return {fontMetrics().averageCharWidth() * 30, int(m_bars.size()) * rowHeight() + 4};
}

void UsageBars::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    const QPalette pal = palette();
    const QFontMetrics fm = fontMetrics();
    int y = 2;
    for (const Bar &bar : std::as_const(m_bars)) {
        const QRect textRect(0, y, width(), fm.height());
        p.setPen(pal.color(QPalette::WindowText));
        p.drawText(textRect, Qt::AlignLeft | Qt::AlignVCenter,
                   fm.elidedText(bar.label, Qt::ElideRight, width() / 2));
        p.drawText(textRect, Qt::AlignRight | Qt::AlignVCenter,
                   fm.elidedText(bar.value, Qt::ElideLeft, width() / 2));
        const QRectF track(0, y + fm.height() + 4, width() - 1, fm.height() * 0.8);
        p.setPen(Qt::NoPen);
        p.setBrush(pal.color(QPalette::Midlight));
        p.drawRoundedRect(track, 3, 3);
        const auto shareOf = [&bar](double v) {
            return bar.limit > 0 ? std::clamp(v / bar.limit, 0.0, 1.0) : 0.0;
        };
        const double usedShare = shareOf(bar.used);
        const double takenShare = shareOf(bar.used + bar.held);
        // A limit nearly reached stands out with the palette's link colour.
        const QColor fillColour =
            takenShare >= 0.9 ? pal.color(QPalette::LinkVisited) : pal.color(QPalette::Highlight);
        if (takenShare > usedShare) {
            // What open sessions hold: the same colour, lighter, after the redeemed part.
            QColor heldColour = fillColour;
            heldColour.setAlphaF(0.45f);
            QRectF fill = track;
            fill.setWidth(std::max(track.width() * takenShare, 4.0));
            p.setBrush(heldColour);
            p.drawRoundedRect(fill, 3, 3);
        }
        if (usedShare > 0) {
            QRectF fill = track;
            fill.setWidth(std::max(track.width() * usedShare, 4.0));
            p.setBrush(fillColour);
            p.drawRoundedRect(fill, 3, 3);
        }
        p.setPen(pal.color(QPalette::Mid));
        p.setBrush(Qt::NoBrush);
        p.drawRoundedRect(track, 3, 3);
        y += rowHeight();
    }
}

OverviewPage::OverviewPage(AppContext &context, QWidget *parent)
    : QWidget(parent)
    , m_context(context)
{
    setObjectName(u"overviewPage"_s);
    auto *outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    outer->setSpacing(0);
    m_toolBar = new QToolBar(tr("Overview"), this);
    m_toolBar->setObjectName(u"overviewToolBar"_s);
    QAction *refresh = m_toolBar->addAction(tr("&Refresh"));
    refresh->setShortcut(QKeySequence::Refresh);
    // F5 refreshes the page in view (each page has its own Refresh).
    refresh->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    addAction(refresh);
    connect(refresh, &QAction::triggered, this, &OverviewPage::reload);
    outer->addWidget(m_toolBar);

    auto *scroll = new QScrollArea(this);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    auto *content = new QWidget(scroll);
    auto *grid = new QGridLayout(content);
    grid->setContentsMargins(12, 12, 12, 12);
    grid->setSpacing(12);

    auto *campaignsBox = new QGroupBox(tr("Campaigns running and scheduled"), content);
    auto *campaignsLayout = new QVBoxLayout(campaignsBox);
    m_campaigns = new QTreeWidget(campaignsBox);
    m_campaigns->setObjectName(u"overviewCampaigns"_s);
    m_campaigns->setAccessibleName(tr("Active and scheduled campaigns"));
    m_campaigns->setHeaderLabels({tr("Campaign"), tr("State"), tr("From"), tr("Until")});
    m_campaigns->setRootIsDecorated(false);
    m_campaigns->header()->setStretchLastSection(true);
    campaignsLayout->addWidget(m_campaigns);
    grid->addWidget(campaignsBox, 0, 0);

    auto *todayBox = new QGroupBox(tr("Today"), content);
    auto *todayLayout = new QVBoxLayout(todayBox);
    m_today = new QLabel(todayBox);
    m_today->setObjectName(u"overviewToday"_s);
    m_today->setWordWrap(true);
    todayLayout->addWidget(m_today);
    m_failures = new QTreeWidget(todayBox);
    m_failures->setObjectName(u"overviewFailures"_s);
    m_failures->setAccessibleName(tr("Today's failures"));
    m_failures->setHeaderLabels({tr("Time"), tr("Session"), tr("Why")});
    m_failures->setRootIsDecorated(false);
    m_failures->header()->setStretchLastSection(true);
    todayLayout->addWidget(m_failures);
    grid->addWidget(todayBox, 0, 1);

    auto *usageBox = new QGroupBox(tr("Budget and caps"), content);
    auto *usageLayout = new QVBoxLayout(usageBox);
    m_bars = new UsageBars(usageBox);
    usageLayout->addWidget(m_bars);
    m_noLimits = new QLabel(usageBox);
    m_noLimits->setObjectName(u"overviewNoLimits"_s);
    m_noLimits->setWordWrap(true);
    m_noLimits->setEnabled(false);
    usageLayout->addWidget(m_noLimits);
    grid->addWidget(usageBox, 1, 0, 1, 2);
    grid->setColumnStretch(0, 1);
    grid->setColumnStretch(1, 1);
    grid->setRowStretch(0, 1);
    grid->setRowStretch(1, 0);
    scroll->setWidget(content);
    outer->addWidget(scroll, 1);

    if (m_context.workflow)
        connect(m_context.workflow, &UpdateWorkflow::finished, this, [this] {
            if (isVisible())
                reload();
        });
    reload();
}

void OverviewPage::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    reload();
}

void OverviewPage::reload()
{
    const qint64 now = m_context.clock.nowMs();
    m_campaigns->clear();
    const auto rules = m_context.store.loadRules();
    QList<UsageBars::Bar> bars;
    m_noLimits->setText(tr("No campaign has a budget or a redemption cap."));
    if (rules) {
        // The same figures as `remise-server campaigns usage` (docs/cli.md): redeemed, held
        // and pending against each limit.
        const auto limits = m_context.store.limitUsage(now);
        QHash<QString, QList<LimitUsage>> limitsOf;
        if (limits)
            for (const LimitUsage &u : *limits)
                limitsOf[u.campaignId].append(u);
        else
            m_noLimits->setText(
                tr("Cannot read the use of budgets and caps: %1").arg(limits.error().message));
        for (const Campaign &c : rules->campaigns) {
            if (c.status != CampaignStatus::Active && c.status != CampaignStatus::Paused)
                continue;
            const bool started = !c.startsAt || c.startsAt->toMSecsSinceEpoch() <= now;
            const bool ended = c.endsAt && c.endsAt->toMSecsSinceEpoch() <= now;
            if (ended)
                continue;
            const QString state = c.status == CampaignStatus::Paused ? tr("Paused")
                                  : started                          ? tr("Running")
                                                                     : tr("Scheduled");
            auto *row = new QTreeWidgetItem(
                m_campaigns,
                {c.name.isEmpty() ? c.id : c.name, state,
                 c.startsAt ? text::dateTime(c.startsAt->toMSecsSinceEpoch()) : tr("Always"),
                 c.endsAt ? text::dateTime(c.endsAt->toMSecsSinceEpoch()) : tr("No end")});
            row->setToolTip(0, c.id);

            const QString name = c.name.isEmpty() ? c.id : c.name;
            for (const LimitUsage &u : limitsOf.value(c.id)) {
                if (u.limit != u"max_redemptions" && u.limit != u"budget")
                    continue;
                const bool budget = u.limit == u"budget";
                const auto figure = [&u, budget](qint64 v) {
                    return budget ? text::money(v, u.currency) : QLocale().toString(v);
                };
                UsageBars::Bar bar;
                bar.label = budget ? tr("%1 · budget in %2").arg(name, u.currency.toUpper())
                                   : tr("%1 · redemptions").arg(name);
                bar.campaignId = c.id;
                bar.limitKind = u.limit;
                bar.currency = u.currency;
                bar.used = double(u.used);
                bar.held = double(u.held + u.pending);
                bar.limit = double(u.limitValue);
                bar.value = u.pending > 0
                                ? tr("%1 used, %2 held, %3 pending, %4 left of %5")
                                      .arg(figure(u.used), figure(u.held), figure(u.pending),
                                           figure(u.left), figure(u.limitValue))
                                : tr("%1 used, %2 held, %3 left of %4")
                                      .arg(figure(u.used), figure(u.held), figure(u.left),
                                           figure(u.limitValue));
                bars.append(bar);
            }
        }
    }
    for (int column = 0; column < 3; ++column)
        m_campaigns->resizeColumnToContents(column);
    if (m_campaigns->topLevelItemCount() == 0)
        new QTreeWidgetItem(m_campaigns, {tr("No campaign is running or scheduled.")});
    m_bars->setBars(bars);
    m_bars->setVisible(!bars.isEmpty());
    m_noLimits->setVisible(bars.isEmpty());

    // Today, in the user's time zone.
    const QDateTime midnight(QDateTime::fromMSecsSinceEpoch(now).toLocalTime().date(), QTime(0, 0));
    ActivityFilter filter;
    filter.sinceMs = midnight.toMSecsSinceEpoch();
    filter.limit = 10'000;
    m_failures->clear();
    const auto entries = m_context.store.activity(filter);
    if (!entries) {
        m_today->setText(tr("Cannot read the activity log: %1").arg(entries.error().message));
        return;
    }
    QHash<QString, int> counts;
    for (const ActivityEntry &e : *entries) {
        counts[e.outcome] += 1;
        if ((e.outcome == u"failed" || e.outcome == u"refused") &&
            m_failures->topLevelItemCount() < 20)
            new QTreeWidgetItem(m_failures, {text::dateTime(e.atMs), e.sessionId, e.message});
    }
    m_today->setText(tr("<b>%n update(s)</b> today", nullptr, int(entries->size())) + u"<br>"_s +
                     tr("Applied %1 · Removed %2 · Unchanged %3 · Refused %4 · Failed %5")

                         .arg(counts.value(u"applied"_s))
                         .arg(counts.value(u"removed"_s))
                         .arg(counts.value(u"unchanged"_s))
                         .arg(counts.value(u"refused"_s))
                         .arg(counts.value(u"failed"_s)));
    if (m_failures->topLevelItemCount() == 0)
        new QTreeWidgetItem(m_failures, {tr("No failure today.")});
    m_failures->resizeColumnToContents(0);
    m_failures->resizeColumnToContents(1);
}

} // namespace remise::ui
