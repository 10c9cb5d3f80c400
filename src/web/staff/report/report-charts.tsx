import { mailKinds, sexes, type ActivityReport, type IsoMonth } from '../../../domain/report/report.service.ts';
import { formatDate } from '../../../shared/dates.ts';
import { BarChart, type ChartCategory } from './bar-chart.tsx';
import { ageBandShort, ageBandWords, mailKindWords, monthShort, monthWords, sexWords } from './report.words.ts';

function monthCategories(months: readonly { month: IsoMonth }[]): ChartCategory[] {
  const years = new Set(months.map(({ month }) => month.slice(0, 4)));
  return months.map(({ month }) => ({ short: monthShort(month, years.size > 1), long: monthWords(month) }));
}

/** The charts of the « Statistiques » page, each with its numbers in a table beside it. */
export function ReportCharts({ report }: { report: ActivityReport }) {
  const { series } = report;
  const people = series.peopleByAgeBandAndSex;
  const decisions = series.decisionsPerMonth;
  const mail = series.mailPerMonth;
  const echeances = series.echeancesNext12Months;
  return (
    <section aria-labelledby="graphiques" class="charts">
      <h2 id="graphiques">Graphiques</h2>
      <BarChart
        id="graphique-ages"
        title={`Personnes domiciliées au ${formatDate(report.period.to)}, par âge et par sexe`}
        categoryLabel="Âge"
        valueLabel="Personnes"
        layout="grouped"
        categories={people.map(({ band }) => ({ short: ageBandShort(band), long: ageBandWords(band) }))}
        series={sexes.map((sex) => ({ label: sexWords[sex], values: people.map((entry) => entry.bySex[sex]) }))}
      />
      <BarChart
        id="graphique-decisions"
        title="Décisions par mois"
        categoryLabel="Mois"
        valueLabel="Décisions"
        layout="stacked"
        categories={monthCategories(decisions)}
        series={[
          { label: 'Premières demandes', values: decisions.map((month) => month.firstRequests) },
          { label: 'Renouvellements', values: decisions.map((month) => month.renewals) },
          { label: 'Refus', values: decisions.map((month) => month.refusals) },
          { label: 'Radiations', values: decisions.map((month) => month.radiations) },
        ]}
      />
      <BarChart
        id="graphique-courrier-recu"
        title="Courrier reçu par mois, par type"
        categoryLabel="Mois"
        valueLabel="Plis"
        layout="stacked"
        categories={monthCategories(mail)}
        series={mailKinds.map((kind) => ({ label: mailKindWords[kind], values: mail.map((month) => month.received[kind]) }))}
      />
      <BarChart
        id="graphique-courrier-remis"
        title="Courrier remis par mois, par type"
        categoryLabel="Mois"
        valueLabel="Plis"
        layout="stacked"
        categories={monthCategories(mail)}
        series={mailKinds.map((kind) => ({ label: mailKindWords[kind], values: mail.map((month) => month.handedOut[kind]) }))}
      />
      <BarChart
        id="graphique-echeances"
        title="Échéances des domiciliations valides, 12 prochains mois"
        categoryLabel="Mois"
        valueLabel="Domiciliations"
        layout="stacked"
        categories={monthCategories(echeances)}
        series={[{ label: 'Échéances', values: echeances.map((month) => month.count) }]}
      />
    </section>
  );
}
