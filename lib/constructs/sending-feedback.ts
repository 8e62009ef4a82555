// SES sending feedback on AWS: the configuration set publishes bounces, complaints, deliveries and rejects
// to an encrypted SNS topic, and the feedback Lambda, subscribed to it, keeps the suppression state.

import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import {
  ConfigurationSetEventDestination,
  EmailSendingEvent,
  EventDestination,
  type IConfigurationSet,
} from 'aws-cdk-lib/aws-ses';
import type { Topic } from 'aws-cdk-lib/aws-sns';
import { LambdaSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { ServiceTopic } from './service-topic';

/**
 * The events the feedback Lambda acts on: a bounce (hard: suppress; soft: count), a complaint (suppress),
 * a delivery (resets the soft-bounce count) and a reject (SES refused to send the message at all).
 * Sends, opens and clicks are left out: the handler has nothing to do with them, and each would be one more
 * invocation per email.
 */
export const FEEDBACK_EVENTS: readonly EmailSendingEvent[] = [
  EmailSendingEvent.BOUNCE,
  EmailSendingEvent.COMPLAINT,
  EmailSendingEvent.DELIVERY,
  EmailSendingEvent.REJECT,
];

export interface SendingFeedbackProps {
  /** The configuration set every coach email is sent through. */
  readonly configurationSet: IConfigurationSet;
  /** The feedback Lambda; it receives SNS events whose messages are the SES event JSON. */
  readonly handler: IFunction;
  /** Where SNS parks events it could not hand to the Lambda at all. */
  readonly deadLetterQueue: IQueue;
}

/**
 * SNS rather than EventBridge: SNS delivers straight to one Lambda with a dead-letter queue of its own and
 * a topic policy scoped to this configuration set, and the handler takes SNS-shaped events. An EventBridge
 * destination would go through the account's default bus plus a rule, and EventBridge cannot use a key
 * policy with aws:SourceAccount conditions.
 */
export class SendingFeedback extends Construct {
  readonly topic: Topic;
  readonly destination: ConfigurationSetEventDestination;

  constructor(scope: Construct, id: string, props: SendingFeedbackProps) {
    super(scope, id);

    // Events carry recipient addresses and subject lines, so the topic is encrypted with a key of its own.
    const { topic } = new ServiceTopic(this, 'Events', {
      description: 'SES sending feedback',
      publisher: 'ses.amazonaws.com',
    });
    this.topic = topic;

    // The L2 destination also adds the topic policy statement letting ses.amazonaws.com publish, conditioned
    // on aws:SourceAccount and on aws:SourceArn being this configuration set, and creates the destination
    // only after that policy (SES checks it may publish when the destination is created).
    this.destination = new ConfigurationSetEventDestination(this, 'Destination', {
      configurationSet: props.configurationSet,
      destination: EventDestination.snsTopic(topic),
      events: [...FEEDBACK_EVENTS],
      enabled: true,
    });

    // A failed delivery from SNS to Lambda (throttled past SNS's retries, say) lands in the queue instead of
    // being dropped: a lost hard bounce or complaint would mean mailing that address again.
    topic.addSubscription(new LambdaSubscription(props.handler, { deadLetterQueue: props.deadLetterQueue }));
  }
}
