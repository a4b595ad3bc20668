import { render } from "@react-email/render";
import { createElement, type ComponentType } from "react";
import BookingNoticeEmail, { bookingNoticeSubject, type BookingNoticeEmailProps } from "./booking-notice";
import InvitationEmail, { invitationSubject, type InvitationEmailProps } from "./invitation";
import PlanApprovedEmail, { planApprovedSubject, type PlanApprovedEmailProps } from "./plan-approved";
import StatementNoticeEmail, { statementNoticeSubject, type StatementNoticeEmailProps } from "./statement-notice";
import PasswordResetEmail, { passwordResetSubject, type PasswordResetEmailProps } from "./password-reset";

/** Every message the portal sends: template name → its props. */
export type EmailTemplates = {
  "password-reset": PasswordResetEmailProps;
  invitation: InvitationEmailProps;
  "booking-notice": BookingNoticeEmailProps;
  "plan-approved": PlanApprovedEmailProps;
  "statement-notice": StatementNoticeEmailProps;
};
export type EmailTemplateName = keyof EmailTemplates;

type TemplateEntry<P> = { component: ComponentType<P>; subject: (props: P) => string };

const templates: { [K in EmailTemplateName]: TemplateEntry<EmailTemplates[K]> } = {
  "password-reset": { component: PasswordResetEmail, subject: passwordResetSubject },
  invitation: { component: InvitationEmail, subject: invitationSubject },
  "booking-notice": { component: BookingNoticeEmail, subject: bookingNoticeSubject },
  "plan-approved": { component: PlanApprovedEmail, subject: planApprovedSubject },
  "statement-notice": { component: StatementNoticeEmail, subject: statementNoticeSubject },
};

export type RenderedEmail = { subject: string; html: string; text: string };

export async function renderEmail<K extends EmailTemplateName>(name: K, props: EmailTemplates[K]): Promise<RenderedEmail> {
  const entry = templates[name] as TemplateEntry<EmailTemplates[K]>;
  const element = createElement(entry.component as ComponentType<object>, props as object);
  const [html, text] = await Promise.all([render(element), render(element, { plainText: true })]);
  return { subject: entry.subject(props), html, text };
}

export function isEmailTemplateName(name: string): name is EmailTemplateName {
  return Object.hasOwn(templates, name);
}
