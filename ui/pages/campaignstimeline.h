#pragma once

#include <QDateTime>
#include <QList>
#include <QWidget>

namespace remise::ui {

/// The campaigns' schedules as bars on one time axis, with a line at "now". Drawn with
/// QPainter in the palette's colours.
class CampaignTimeline : public QWidget
{
    Q_OBJECT
public:
    struct Bar
    {
        QString label;
        QDateTime start; ///< invalid: open start
        QDateTime end;   ///< invalid: open end
        bool active = false;
    };

    explicit CampaignTimeline(QWidget *parent = nullptr);
    void setBars(QList<Bar> bars, const QDateTime &now);
    const QList<Bar> &bars() const { return m_bars; }

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    QList<Bar> m_bars;
    QDateTime m_now;
};

} // namespace remise::ui
