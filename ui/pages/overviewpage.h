#pragma once

#include <QWidget>

class QLabel;
class QToolBar;
class QTreeWidget;

namespace remise::ui {

struct AppContext;

/// Horizontal bars drawn with QPainter in palette colours: one per limit of a campaign
/// (redemptions, budget), the redeemed part filled, the part held by open sessions filled
/// lighter after it, the rest as a track.
class UsageBars : public QWidget
{
    Q_OBJECT
public:
    /// One limit as Store::limitUsage reports it (the figures of `campaigns usage`).
    struct Bar
    {
        QString label;      ///< "Black Friday · budget in EUR"
        QString campaignId; ///< the campaign's id
        QString limitKind;  ///< "max_redemptions" | "budget"
        QString currency;   ///< budget only
        double used = 0;    ///< completed redemptions (count, or minor units of a budget)
        double held = 0;    ///< reserved by open sessions (held and pending)
        double limit = 0;
        QString value; ///< "€1,240.00 used, €60.00 held, €3,700.00 left of €5,000.00"
    };
    explicit UsageBars(QWidget *parent = nullptr);
    void setBars(QList<Bar> bars);
    const QList<Bar> &bars() const { return m_bars; }
    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    int rowHeight() const;
    QList<Bar> m_bars;
};

/// The Overview page: active and scheduled campaigns, today's updates and failures from the
/// activity log, and budget and cap use per campaign drawn as bars.
class OverviewPage : public QWidget
{
    Q_OBJECT
public:
    OverviewPage(AppContext &context, QWidget *parent = nullptr);
    void reload();
    UsageBars *usageBars() const { return m_bars; }
    QTreeWidget *campaigns() const { return m_campaigns; }
    QToolBar *toolBar() const { return m_toolBar; }

protected:
    void showEvent(QShowEvent *event) override;

private:
    AppContext &m_context;
    QToolBar *m_toolBar;
    QTreeWidget *m_campaigns;
    QLabel *m_today;
    QTreeWidget *m_failures;
    UsageBars *m_bars;
    QLabel *m_noLimits;
};

} // namespace remise::ui
