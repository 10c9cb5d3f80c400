import type { EmailLinkProblem, NoticePreferencesProblem } from '../../domain/notification-preferences/preferences.service.ts';

/** The words of « Mes avis de courrier » and of the confirmation link, in French and English. */

export type NoticeProblem = NoticePreferencesProblem | EmailLinkProblem;

export function frenchNoticeWords(problem: NoticeProblem): string {
  switch (problem.code) {
    case 'email_manquant':
      return 'Indiquez votre nouvelle adresse e-mail.';
    case 'email_invalide':
      return 'Cette adresse e-mail n’est pas valide. Exemple : prenom.nom@exemple.fr';
    case 'email_deja_celle_du_dossier':
      return 'C’est déjà votre adresse e-mail, et les avis y sont déjà envoyés.';
    case 'trop_de_demandes_email':
      return `Vous avez déjà demandé plusieurs changements d’adresse. Réessayez dans ${problem.minutes} minutes.`;
    case 'envoi_email_indisponible':
      return 'L’envoi d’e-mails n’est pas possible pour le moment. Donnez votre nouvelle adresse à votre structure.';
    case 'lien_email_inconnu':
      return 'Ce lien n’est pas valable, ou il est trop ancien. Demandez un nouveau lien depuis « Mes avis de courrier ».';
    case 'lien_email_deja_utilise':
      return 'Ce lien a déjà servi : votre adresse e-mail est déjà confirmée.';
    case 'lien_email_remplace':
      return 'Ce lien n’est plus valable : vous avez demandé un autre changement d’adresse depuis. Utilisez le lien du message le plus récent.';
    case 'lien_email_perime':
      return 'Ce lien a expiré (il était valable 48 heures). Demandez un nouveau lien depuis « Mes avis de courrier ».';
    case 'lien_email_autre_personne':
      return 'Ce lien concerne une autre personne que celle connectée sur cet appareil. Déconnectez-vous, puis ouvrez le lien de nouveau.';
  }
}

export function englishNoticeWords(problem: NoticeProblem): string {
  switch (problem.code) {
    case 'email_manquant':
      return 'Type your new email address.';
    case 'email_invalide':
      return 'This email address is not valid. Example: name@example.com';
    case 'email_deja_celle_du_dossier':
      return 'This is already your email address, and notices already go there.';
    case 'trop_de_demandes_email':
      return `You have already asked to change your address several times. Try again in ${problem.minutes} minutes.`;
    case 'envoi_email_indisponible':
      return 'Emails cannot be sent at the moment. Give your new address to your organisation.';
    case 'lien_email_inconnu':
      return 'This link is not valid, or it is too old. Ask for a new link from “My mail notices”.';
    case 'lien_email_deja_utilise':
      return 'This link has already been used: your email address is already confirmed.';
    case 'lien_email_remplace':
      return 'This link no longer works because you asked for another change of address since. Use the link in the most recent message.';
    case 'lien_email_perime':
      return 'This link has expired (it worked for 48 hours). Ask for a new link from “My mail notices”.';
    case 'lien_email_autre_personne':
      return 'This link is for someone other than the person logged in on this device. Log out, then open the link again.';
  }
}

export const noticesFr = {
  title: 'Mes avis de courrier',
  homeLink: 'Mes avis de courrier : être prévenu quand du courrier arrive',
  intro: 'Quand du courrier arrive pour vous, votre structure peut vous envoyer un message « Vous avez du courrier à retirer » (au plus un par jour), et vous rappeler la fin de votre domiciliation.',
  channelsHeading: 'Comment vous êtes prévenu',
  byEmail: (address: string, since: string) => `Par e-mail, à ${address} (accord donné le ${since}).`,
  bySms: (phone: string, since: string) => `Par SMS, au ${phone} (accord donné le ${since}).`,
  noChannel: 'Vous n’êtes pas prévenu pour le moment. Pour recevoir les avis par SMS, demandez-le à votre structure. Pour les recevoir par e-mail, donnez votre adresse ci-dessous.',
  switchHeading: 'Suspendre ou réactiver les avis',
  on: 'Les avis sont activés.',
  off: (since: string) => `Vous avez suspendu les avis le ${since} : aucun message ne vous est envoyé.`,
  turnOff: 'Suspendre les avis',
  turnOffHint: 'Les messages qui n’étaient pas encore partis sont annulés tout de suite.',
  turnOn: 'Réactiver les avis',
  emailHeading: 'Changer mon adresse e-mail',
  emailIntro: 'Nous envoyons un lien à la nouvelle adresse. Elle remplace l’ancienne seulement quand vous ouvrez ce lien, dans les 48 heures. Vous recevrez alors les avis par e-mail.',
  emailLabel: 'Nouvelle adresse e-mail',
  emailHint: 'Exemple : prenom.nom@exemple.fr',
  emailSubmit: 'Recevoir le lien de confirmation',
  emailUnavailable: 'Le changement d’adresse e-mail n’est pas possible ici pour le moment : votre structure n’envoie pas d’e-mails. Donnez votre nouvelle adresse à votre structure.',
  waiting: (address: string, until: string) => `Un lien de confirmation a été envoyé à ${address}. Il est valable jusqu’au ${until}.`,
  confirmTitle: 'Confirmer mon adresse e-mail',
  confirmQuestion: (address: string) => `Voulez-vous utiliser l’adresse ${address} pour recevoir vos avis de courrier ?`,
  confirmSubmit: 'Oui, confirmer cette adresse',
  confirmedTitle: 'Adresse e-mail confirmée',
  confirmed: 'Votre adresse e-mail est confirmée. Vous serez prévenu par e-mail quand du courrier arrive.',
  linkTitle: 'Lien non valable',
  backHome: 'Aller à mon espace',
};

export type NoticesTexts = typeof noticesFr;

export const noticesEn: NoticesTexts = {
  title: 'My mail notices',
  homeLink: 'My mail notices: be told when mail arrives',
  intro: 'When mail arrives for you, your organisation can send you a message saying “You have mail to collect” (at most one a day), and remind you when your domiciliation is about to end.',
  channelsHeading: 'How you are told',
  byEmail: (address: string, since: string) => `By email, at ${address} (you agreed on ${since}).`,
  bySms: (phone: string, since: string) => `By text message, at ${phone} (you agreed on ${since}).`,
  noChannel: 'You are not told at the moment. To get notices by text message, ask your organisation. To get them by email, give your address below.',
  switchHeading: 'Pause or restart the notices',
  on: 'Notices are on.',
  off: (since: string) => `You paused the notices on ${since}: no message is sent to you.`,
  turnOff: 'Pause the notices',
  turnOffHint: 'Messages not sent yet are cancelled straight away.',
  turnOn: 'Restart the notices',
  emailHeading: 'Change my email address',
  emailIntro: 'We send a link to the new address. It replaces the old one only when you open that link, within 48 hours. You will then get the notices by email.',
  emailLabel: 'New email address',
  emailHint: 'Example: name@example.com',
  emailSubmit: 'Send me the confirmation link',
  emailUnavailable: 'You cannot change your email address here at the moment, because your organisation does not send emails. Give your new address to your organisation.',
  waiting: (address: string, until: string) => `A confirmation link was sent to ${address}. It works until ${until}.`,
  confirmTitle: 'Confirm my email address',
  confirmQuestion: (address: string) => `Do you want to use ${address} to get your mail notices?`,
  confirmSubmit: 'Yes, confirm this address',
  confirmedTitle: 'Email address confirmed',
  confirmed: 'Your email address is confirmed. You will get an email when mail arrives for you.',
  linkTitle: 'Link not valid',
  backHome: 'Go to my home page',
};
