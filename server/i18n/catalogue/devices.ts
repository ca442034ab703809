// Texts for terminals and their enrollment. Russian is the source; English must have every key.

export const ru = {
  'devices.title': 'Терминалы',
  'devices.intro':
    'Каждый терминал входит по своему сертификату. Зона терминала ограничивает, что на нём можно делать, кто бы за ним ни сидел.',
  'devices.empty': 'Терминалов пока нет.',
  'devices.col.name': 'Название',
  'devices.col.zone': 'Зона',
  'devices.col.issued': 'Выпущен',
  'devices.col.not_after': 'Действует до',
  'devices.col.last_seen': 'Последняя активность',
  'devices.col.status': 'Статус',
  'devices.col.serial': 'Серийный номер',
  'devices.status.active': 'Действует',
  'devices.status.revoked': 'Отозван',
  'devices.never': 'не подключался',
  'devices.current': 'этот терминал',
  'devices.replaced_by': 'Заменён терминалом',
  'devices.replaced_by_link': 'терминал № {id}',
  'devices.back': 'К списку терминалов',
  'devices.issue.title': 'Выпустить сертификат',
  'devices.issue.name': 'Название терминала',
  'devices.issue.name_hint': 'Например: «Регистратура 1» или «Кабинет 2».',
  'devices.issue.zone': 'Зона',
  'devices.issue.submit': 'Выпустить сертификат',
  'devices.error.name':
    'Название: до 63 символов — буквы, цифры, пробелы, точки, дефисы или подчёркивания; первым идёт буква или цифра.',
  'devices.error.zone': 'Выберите зону.',
  'devices.error.already_revoked': 'Сертификат этого терминала уже отозван.',
  'devices.error.already_replaced': 'Этот терминал уже заменён новым.',
  'devices.error.confirm': 'Подтвердите действие.',
  'devices.error.confirm_self': 'Отметьте, что вы понимаете: этот терминал сразу отключится.',
  'devices.no_ca':
    'Удостоверяющий центр клиники недоступен: выпуск и отзыв сертификатов сейчас невозможны.',
  'devices.issued.title': 'Сертификат выпущен',
  'devices.reissued.title': 'Сертификат перевыпущен',
  'devices.issued.text': 'Терминал «{name}» (зона «{zone}») получил сертификат.',
  'devices.issued.passphrase': 'Пароль сертификата',
  'devices.issued.passphrase_once':
    'Запишите пароль сейчас: он показывается один раз и нигде не хранится. Его вводят на терминале при установке сертификата.',
  'devices.issued.next':
    'Чтобы перенести сертификат на терминал, откройте окно подключения: появятся адрес и PIN-код, которые нужно ввести на новом терминале.',
  'devices.issued.cli':
    'Можно и вручную: файл лежит на сервере в папке данных, в devices/; перенесите его на терминал и удалите с сервера.',
  'devices.rename.title': 'Название',
  'devices.rename.submit': 'Переименовать',
  'devices.actions': 'Сертификат',
  'devices.revoke': 'Отозвать',
  'devices.reissue': 'Перевыпустить',
  'devices.revoke.title': 'Отозвать сертификат терминала «{name}»?',
  'devices.revoke.text':
    'Терминал сразу потеряет доступ, сеансы на нём прервутся. Отзыв нельзя отменить: чтобы вернуть терминал, понадобится новый сертификат.',
  'devices.revoke.submit': 'Отозвать сертификат',
  'devices.reissue.title': 'Перевыпустить сертификат терминала «{name}»?',
  'devices.reissue.text':
    'Будет выпущен новый сертификат с тем же названием и зоной, а старый сразу отозван. Терминал не войдёт, пока на него не установят новый сертификат.',
  'devices.reissue.submit': 'Перевыпустить сертификат',
  'devices.confirm.self':
    'Это терминал, за которым вы сейчас работаете: он сразу отключится, и продолжить с него будет нельзя. Новый сертификат переносите с другого офисного терминала или командой enamel на сервере.',
  'devices.confirm.self_check': 'Да, отключить этот терминал',
  'devices.confirm.cancel': 'Отмена',
  'enroll.section': 'Подключение терминала',
  'enroll.open': 'Открыть окно подключения',
  'enroll.close': 'Закрыть окно подключения',
  'enroll.hint':
    'Окно открывается на {minutes} минут для одного скачивания файла сертификата; после скачивания файл удаляется с сервера.',
  'enroll.window_open': 'Окно подключения открыто до {time}.',
  'enroll.no_bundle':
    'Файла сертификата на сервере нет: он уже забран. Чтобы подключить терминал заново, перевыпустите сертификат.',
  'enroll.unavailable':
    'Служба подключения терминалов на этом сервере недоступна. Перенесите файл сертификата вручную.',
  'enroll.revoked': 'Сертификат отозван: подключать нечего.',
  'enroll.failed': 'Не удалось открыть окно подключения. Подробности — в журнале сервера.',
  'enroll.title': 'Окно подключения открыто',
  'enroll.for': 'Терминал «{name}», зона «{zone}».',
  'enroll.address': 'Адрес',
  'enroll.pin': 'PIN-код',
  'enroll.fingerprint': 'Отпечаток сертификата сервера (SHA-256)',
  'enroll.step.address': 'На новом терминале откройте в браузере этот адрес.',
  'enroll.step.fingerprint':
    'Браузер предупредит, что не знает сертификат сервера: сверьте отпечаток с показанным здесь и продолжите.',
  'enroll.step.pin': 'Введите PIN-код и скачайте файл.',
  'enroll.step.import':
    'Откройте скачанный файл и установите сертификат, введя пароль сертификата, показанный при выпуске.',
  'enroll.expires':
    'Окно закроется в {time} или сразу после скачивания. Неверных попыток ввода PIN допускается: {attempts}.',
  'enroll.pin_once': 'PIN-код показывается только на этой странице.',
  'enroll.site.title': 'Подключение терминала',
  'enroll.site.text':
    'Введите PIN-код с экрана владельца клиники. Файл сертификата можно скачать только один раз.',
  'enroll.site.pin': 'PIN-код',
  'enroll.site.submit': 'Скачать сертификат',
  'enroll.site.after':
    'После скачивания откройте файл и введите пароль сертификата, показанный при его выпуске.',
  'enroll.site.pin_required': 'Введите PIN-код.',
  'enroll.site.wrong_pin': 'Неверный PIN-код. Осталось попыток: {left}.',
  'enroll.site.closed':
    'Окно подключения закрыто: время вышло, файл уже скачан или было слишком много неверных попыток. Попросите владельца клиники открыть новое окно.',
  'enroll.site.not_found': 'Такой страницы нет. Проверьте адрес на экране владельца клиники.',
  'enroll.site.refused': 'Запрос отклонён.',
  'enroll.site.error': 'Внутренняя ошибка сервера.',
} as const

export const en: Record<keyof typeof ru, string> = {
  'devices.title': 'Terminals',
  'devices.intro':
    "Each terminal signs in with its own certificate. A terminal's zone limits what can be done on it, whoever sits there.",
  'devices.empty': 'No terminals yet.',
  'devices.col.name': 'Name',
  'devices.col.zone': 'Zone',
  'devices.col.issued': 'Issued',
  'devices.col.not_after': 'Valid until',
  'devices.col.last_seen': 'Last seen',
  'devices.col.status': 'Status',
  'devices.col.serial': 'Serial number',
  'devices.status.active': 'Active',
  'devices.status.revoked': 'Revoked',
  'devices.never': 'never connected',
  'devices.current': 'this terminal',
  'devices.replaced_by': 'Replaced by',
  'devices.replaced_by_link': 'terminal #{id}',
  'devices.back': 'Back to terminals',
  'devices.issue.title': 'Issue a certificate',
  'devices.issue.name': 'Terminal name',
  'devices.issue.name_hint': 'For example "Reception 1" or "Surgery 2".',
  'devices.issue.zone': 'Zone',
  'devices.issue.submit': 'Issue certificate',
  'devices.error.name':
    'Name: up to 63 letters, digits, spaces, dots, dashes or underscores, starting with a letter or digit.',
  'devices.error.zone': 'Choose a zone.',
  'devices.error.already_revoked': "This terminal's certificate is already revoked.",
  'devices.error.already_replaced': 'This terminal has already been replaced.',
  'devices.error.confirm': 'Confirm the action.',
  'devices.error.confirm_self':
    'Tick the box to confirm that this terminal will disconnect at once.',
  'devices.no_ca':
    'The clinic CA is not available: certificates cannot be issued or revoked right now.',
  'devices.issued.title': 'Certificate issued',
  'devices.reissued.title': 'Certificate reissued',
  'devices.issued.text': 'Terminal "{name}" (zone "{zone}") has a certificate.',
  'devices.issued.passphrase': 'Certificate passphrase',
  'devices.issued.passphrase_once':
    'Write the passphrase down now: it is shown once and stored nowhere. It is typed on the terminal when the certificate is installed.',
  'devices.issued.next':
    'To carry the certificate to the terminal, open an enrollment window: it shows an address and a PIN to type on the new terminal.',
  'devices.issued.cli':
    'Or by hand: the file is on the server in the data folder, under devices/; carry it to the terminal and delete it from the server.',
  'devices.rename.title': 'Name',
  'devices.rename.submit': 'Rename',
  'devices.actions': 'Certificate',
  'devices.revoke': 'Revoke',
  'devices.reissue': 'Reissue',
  'devices.revoke.title': 'Revoke the certificate of terminal "{name}"?',
  'devices.revoke.text':
    'The terminal loses access at once and its sessions end. A revocation cannot be undone: the terminal will need a new certificate.',
  'devices.revoke.submit': 'Revoke certificate',
  'devices.reissue.title': 'Reissue the certificate of terminal "{name}"?',
  'devices.reissue.text':
    'A new certificate with the same name and zone is issued and the old one is revoked at once. The terminal cannot sign in until the new certificate is installed.',
  'devices.reissue.submit': 'Reissue certificate',
  'devices.confirm.self':
    'This is the terminal you are using: it disconnects at once and you cannot continue from it. Carry the new certificate from another office terminal or with the enamel command on the server.',
  'devices.confirm.self_check': 'Yes, disconnect this terminal',
  'devices.confirm.cancel': 'Cancel',
  'enroll.section': 'Enrollment',
  'enroll.open': 'Open enrollment window',
  'enroll.close': 'Close enrollment window',
  'enroll.hint':
    'The window opens for {minutes} minutes for a single download of the certificate file; the file is then deleted from the server.',
  'enroll.window_open': 'An enrollment window is open until {time}.',
  'enroll.no_bundle':
    'The certificate file is no longer on the server: it has been collected. Reissue the certificate to enroll the terminal again.',
  'enroll.unavailable':
    'The enrollment service is not available on this server. Carry the certificate file by hand.',
  'enroll.revoked': 'The certificate is revoked: there is nothing to enroll.',
  'enroll.failed': 'The enrollment window could not be opened. See the server log.',
  'enroll.title': 'Enrollment window open',
  'enroll.for': 'Terminal "{name}", zone "{zone}".',
  'enroll.address': 'Address',
  'enroll.pin': 'PIN',
  'enroll.fingerprint': 'Server certificate fingerprint (SHA-256)',
  'enroll.step.address': 'On the new terminal, open this address in the browser.',
  'enroll.step.fingerprint':
    'The browser warns that it does not know the server certificate: compare the fingerprint with the one shown here and go on.',
  'enroll.step.pin': 'Type the PIN and download the file.',
  'enroll.step.import':
    'Open the downloaded file and install the certificate with the passphrase shown when it was issued.',
  'enroll.expires':
    'The window closes at {time} or right after the download. Wrong PIN attempts allowed: {attempts}.',
  'enroll.pin_once': 'The PIN is shown on this page only.',
  'enroll.site.title': 'Terminal enrollment',
  'enroll.site.text':
    "Type the PIN shown on the clinic owner's screen. The certificate file can be downloaded once.",
  'enroll.site.pin': 'PIN',
  'enroll.site.submit': 'Download certificate',
  'enroll.site.after':
    'After the download, open the file and type the certificate passphrase shown when it was issued.',
  'enroll.site.pin_required': 'Type the PIN.',
  'enroll.site.wrong_pin': 'Wrong PIN. Attempts left: {left}.',
  'enroll.site.closed':
    'The enrollment window is closed: the time ran out, the file was already downloaded, or there were too many wrong attempts. Ask the clinic owner to open a new window.',
  'enroll.site.not_found': "No such page. Check the address on the clinic owner's screen.",
  'enroll.site.refused': 'Request refused.',
  'enroll.site.error': 'Internal server error.',
}
