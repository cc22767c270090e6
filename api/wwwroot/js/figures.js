// The day's figures (/api/live/figures: one query on the report model) and the reports-per-hour chart.
import { getJson } from './api.js';
import { duration } from './format.js';

const Chart = window.Chart;
const byId = id => document.getElementById(id);

export class Figures {
  constructor(canvas) {
    this.canvas = canvas;
    this.chart = null;
  }

  async refresh(agency) {
    const figures = await getJson('/api/live/figures', { agency });
    byId('count-open').textContent = figures.open;
    byId('count-dispatched').textContent = figures.dispatched;
    byId('count-escalated').textContent = figures.escalated;
    byId('count-resolved').textContent = figures.resolvedToday;
    byId('count-received').textContent = figures.receivedToday;
    byId('median-ack').textContent = figures.medianAckSeconds === null ? '–' : duration(figures.medianAckSeconds);
    byId('median-resolve').textContent = figures.medianResolveSeconds === null ? '–' : duration(figures.medianResolveSeconds);
    byId('figures').dataset.open = String(figures.open);
    this.drawHours(figures.reportsPerHour);
    return figures;
  }

  drawHours(perHour) {
    const labels = perHour.map((_, hour) => String(hour).padStart(2, '0'));
    if (this.chart) {
      this.chart.data.datasets[0].data = perHour;
      this.chart.update('none');
      return;
    }
    this.chart = new Chart(this.canvas, {
      type: 'bar',
      data: { labels, datasets: [{ label: 'Reports per hour', data: perHour, backgroundColor: '#ff9f1c', borderRadius: 2 }] },
      options: {
        animation: false,
        maintainAspectRatio: false,
        plugins: { legend: { display: false }, tooltip: { enabled: true } },
        scales: {
          x: { ticks: { color: '#a9b8d0', maxRotation: 0, autoSkip: true, font: { size: 13 } }, grid: { display: false } },
          y: { beginAtZero: true, ticks: { color: '#a9b8d0', precision: 0, font: { size: 13 } }, grid: { color: '#23324d' } },
        },
      },
    });
  }
}
