// The operator's CloudWatch dashboard: what the Lambdas count (plans, replies, who leaves) beside every alarm.
import { Duration, Stack } from 'aws-cdk-lib';
import {
  AlarmStatusWidget,
  AlarmWidget,
  Dashboard,
  GraphWidget,
  type IAlarm,
  type IWidget,
  Metric,
  SingleValueWidget,
  Stats,
  TextWidget,
} from 'aws-cdk-lib/aws-cloudwatch';
import { Construct } from 'constructs';
import { METRICS, type MetricName, SERVICE_NAME } from '#lambdas/metric-names';

export interface OperatorDashboardProps {
  /** Every alarm of the stack: the dashboard shows their states. */
  readonly alarms: readonly IAlarm[];
  /** Alarms worth a graph of their metric against the threshold (SES's bounce and complaint rates). */
  readonly graphed: readonly IAlarm[];
}

/** Readable labels for the graphs and totals. */
const LABELS: Record<MetricName, string> = {
  PlansSent: 'Plans sent',
  RepliesReceived: 'Replies',
  RepliesUnderstood: 'Understood (pain score found)',
  RepliesWithoutScore: 'No pain score found',
  RedFlags: 'Red flags',
  Unsubscribes: 'Unsubscribes',
  Bounces: 'Bounces',
  Complaints: 'Complaints',
};

/** `<stack name>-operator`, two weeks by default: long enough to see two weekly runs and the replies after them. */
export class OperatorDashboard extends Construct {
  readonly dashboard: Dashboard;

  constructor(scope: Construct, id: string, props: OperatorDashboardProps) {
    super(scope, id);
    const stack = Stack.of(this);
    // The Lambdas write to a namespace named after the stack (lib/constructs/coach-function.ts), with `service`
    // as the only dimension.
    const namespace = stack.stackName;
    const metric = (name: MetricName, period = Duration.days(1)) =>
      new Metric({
        namespace,
        metricName: name,
        dimensionsMap: { service: SERVICE_NAME },
        statistic: Stats.SUM,
        period,
        label: LABELS[name],
      });
    const graph = (title: string, names: MetricName[]) =>
      new GraphWidget({
        title,
        left: names.map((name) => metric(name)),
        leftYAxis: { min: 0, showUnits: false },
        width: 8,
        height: 6,
      });

    const widgets: IWidget[][] = [
      [
        new TextWidget({
          markdown: [
            `# ${stack.stackName}: is the coach working?`,
            `Counts from the Lambdas (namespace \`${namespace}\`, per day), beside every alarm. What each figure means, and \`coach stats\` for the same figures locally: docs/operations.md, "Metrics and the dashboard".`,
          ].join('\n\n'),
          width: 24,
          height: 3,
        }),
      ],
      [
        new SingleValueWidget({
          title: 'Totals over the time range shown',
          metrics: (Object.keys(METRICS) as MetricName[]).map((name) => metric(name)),
          setPeriodToTimeRange: true,
          fullPrecision: true,
          width: 24,
          height: 4,
        }),
      ],
      [
        graph('Weekly plans sent', ['PlansSent']),
        graph('Replies, and whether a pain score was found', [
          'RepliesReceived',
          'RepliesUnderstood',
          'RepliesWithoutScore',
        ]),
        graph('Red flags, unsubscribes, bounces, complaints', [
          'RedFlags',
          'Unsubscribes',
          'Bounces',
          'Complaints',
        ]),
      ],
      [
        new AlarmStatusWidget({
          title: 'Alarms (docs/operations.md, "Alarms", says what to do for each)',
          alarms: [...props.alarms],
          width: 24,
          height: 2 + Math.ceil(props.alarms.length / 4),
        }),
      ],
      props.graphed.map(
        (alarm) =>
          new AlarmWidget({ title: alarm.alarmName, alarm, leftYAxis: { min: 0 }, width: 12, height: 6 }),
      ),
    ];

    this.dashboard = new Dashboard(this, 'Dashboard', {
      dashboardName: `${stack.stackName}-operator`,
      defaultInterval: Duration.days(14),
      widgets,
    });
  }
}
