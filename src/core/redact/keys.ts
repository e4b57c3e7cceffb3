/**
 * Secret key names (query parameters, signal data keys, `key=value` pairs in text), matched as
 * whole words: a key is split into its words (camelCase, snake_case, kebab-case, dots, digits),
 * and it is secret when one word, or a few adjacent words joined, is a secret name. So `pin`,
 * `userPin` and `pin_code` are secret, `securityAnswer` (security + answer) too, but `author` is
 * not `auth`, `zipper` not `zip`, `spinner` not `pin`, `promoCode` not `code`.
 */

// Secret as a word anywhere in the key. A key splits before a digit that follows a letter, so
// `cvv2` is found as `cvv`; `2fa` stays one word.
const WORDS =
  'password passwd passphrase passcode pwd secret secrets token tokens auth authorization authn ' +
  'credential credentials apikey jwt bearer otp totp hotp mfa 2fa cvv cvc csc pin ' +
  'pincode ssn nino iban card cards creditcard cardnumber email emails mail phone phones ' +
  'phonenumber mobile tel telephone fax msisdn whatsapp address addresses street zip zipcode ' +
  'postcode postal birth birthday birthdate dob firstname lastname fullname surname givenname ' +
  'familyname middlename maidenname username signature cardholder socialsecurity csrf xsrf ' +
  'nonce passport taxid nif nie dni cpf cnpj pesel bsn aadhaar personnummer codicefiscale ' +
  'steuerid mynumber nationalid ip ipaddress latitude longitude geolocation sessionid sessid ' +
  'phpsessid jsessionid accesstoken refreshtoken idtoken authtoken clientsecret privatekey ' +
  'accesskey secretkey accountkey sharedkey signingkey encryptionkey masterkey licensekey ' +
  'subscriptionkey sessionkey securityanswer secretanswer securitycode verificationcode ' +
  'authcode smscode otpcode resetcode accesscode accountnumber accountno acctno routingnumber ' +
  'sortcode bankaccount idnumber driverlicense driverslicense licensenumber ' +
  // The same in the languages of the shops using this: German, French, Spanish, Portuguese,
  // Italian, Dutch, Polish, Turkish.
  'passwort kennwort motdepasse contraseña contrasena senha wachtwoord hasło haslo şifre sifre ' +
  'parola telefon telefono teléfono téléphone telefone handynummer rufnummer courriel correo ' +
  'adresse direccion dirección endereco endereço indirizzo adres geburtsdatum vorname nachname ' +
  'prénom prenom apellido sobrenome cognome achternaam nazwisko soyad kimlik personalausweis ' +
  'steuernummer';

// Secret only as the whole key: short or common words that say little inside a longer key
// (`key` in `sortKey`, `code` in `promoCode`, `name` in `productName`, `session` in `sessionCount`).
const WHOLE =
  'pass pw code key sid sig cc pan name nombre nom user login session account answer cookie';

// Words long and specific enough to be found at the start or end of a key typed in one lower-case
// word (`useremail`, `sessiontoken`, `passwordhash`), where there are no word boundaries to split on.
// `session` and `phone` only at the start (`sessionid`, `phonenumber`).
const EDGES =
  /^(?:password|passwd|token|secret|email|apikey|credential|session|phone)|(?:password|passwd|token|secret|email|apikey|credential)$/;

const wordSet = /* @__PURE__ */ (() => new Set(WORDS.split(' ')))();
const wholeSet = /* @__PURE__ */ (() => new Set(WHOLE.split(' ')))();

/** Lower-case words of a key: `X-Api-Key` → x, api, key; `userEmail2` → user, email, 2. */
export function keyWords(key: string): string[] {
  // Word starts: lower case or a digit then upper case, the last capital of a run before a lower
  // case letter (`XMLHttp`), a letter then a digit.
  return key
    .replace(/(?<=[a-z\d])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])|(?<=[a-zA-Z])(?=\d)/g, ' ')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
}

/**
 * Builds the test of key names, with the app's extra names (matched the same way). Answers are
 * cached: signals reuse a handful of data keys, and the test costs more than most values.
 */
export function secretKeyTest(extra: readonly string[]): (key: string) => boolean {
  const extraSet = new Set(extra.map((k) => keyWords(k).join('')).filter(Boolean));
  const known = new Map<string, boolean>();
  return (key: string): boolean => {
    let secret = known.get(key);
    if (secret === undefined) {
      secret = test(key);
      // Bounded: keys may come from app data.
      if (known.size > 255) known.clear();
      known.set(key, secret);
    }
    return secret;
  };
  function test(key: string): boolean {
    const words = keyWords(key);
    const joined = words.join('');
    if (wholeSet.has(joined) || wordSet.has(joined) || extraSet.has(joined)) return true;
    // Every run of adjacent words: `e`+`mail`, `api`+`key`, `loyalty`+`no`.
    for (let i = 0; i < words.length; i++) {
      let run = '';
      for (let j = i; j < words.length && j < i + 4; j++) {
        run += words[j];
        if (wordSet.has(run) || extraSet.has(run)) return true;
      }
    }
    return words.length === 1 && EDGES.test(joined);
  }
}
