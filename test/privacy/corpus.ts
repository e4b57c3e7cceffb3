/**
 * Realistic strings as collectors and apps hand them over: search boxes, URLs, data attributes,
 * free text. `secrets` must not survive redaction in any form.
 */
export const LEAKY: readonly { readonly input: string; readonly secrets: readonly string[] }[] = [
  // Search boxes
  { input: 'jane.doe@example.com', secrets: ['jane.doe', 'example.com'] },
  { input: 'order status for JOHN.SMITH+shop@gmail.com', secrets: ['JOHN.SMITH', 'gmail.com'] },
  { input: 'refund müller.jürgen@web.de please', secrets: ['müller', 'web.de'] },
  { input: 'call me on +44 20 7946 0958', secrets: ['7946 0958', '2079460958'] },
  { input: '(555) 123-4567 delivery', secrets: ['123-4567', '5551234567'] },
  { input: 'my number is 555.867.5309', secrets: ['867.5309', '5558675309'] },
  { input: '+1-202-555-0143', secrets: ['202-555-0143', '2025550143'] },
  { input: '06 12 34 56 78 livraison', secrets: ['0612345678'] },
  { input: '4111 1111 1111 1111', secrets: ['4111111111111111', '1111 1111'] },
  { input: 'card 5500-0000-0000-0004 declined', secrets: ['5500000000000004'] },
  { input: 'amex 378282246310005 exp 12/29', secrets: ['378282246310005'] },
  { input: '4012888888881881', secrets: ['4012888888881881'] },
  { input: 'pay to DE89 3704 0044 0532 0130 00', secrets: ['DE89', '3704004405320130'] },
  { input: 'GB29NWBK60161331926819', secrets: ['GB29NWBK60161331926819', '60161331926819'] },
  { input: 'iban fr7630006000011234567890189', secrets: ['30006000011234567890189'] },
  { input: 'ssn 123-45-6789', secrets: ['123-45-6789', '123456789'] },
  { input: 'BSN 111222333 form', secrets: ['111222333'] },
  { input: 'steuer-id 12345678901', secrets: ['12345678901'] },
  { input: 'DNI 12345678Z', secrets: ['12345678Z'] },
  { input: 'NI number QQ 12 34 56 C', secrets: ['QQ 12 34 56 C', '123456'] },
  { input: 'personnummer 811228-9874', secrets: ['811228-9874', '8112289874'] },
  { input: 'aadhaar 2345 6789 0123', secrets: ['234567890123'] },
  // URLs
  { input: '/reset-password?token=9f8e7d6c5b4a&lang=en', secrets: ['9f8e7d6c5b4a'] },
  {
    input: 'https://shop.example/login?email=jane%40example.com&next=%2Fcart',
    secrets: ['jane', 'example.com&'],
  },
  { input: '/account?password=hunter2', secrets: ['hunter2'] },
  { input: '/callback?code=4/0AX4XfWh&state=xyz', secrets: ['0AX4XfWh'] },
  { input: '/api?access_token=ya29.a0AfH6SMBx', secrets: ['ya29.a0AfH6SMBx'] },
  { input: '/s?api_key=AKIAIOSFODNN7EXAMPLE', secrets: ['AKIAIOSFODNN7EXAMPLE'] },
  { input: '/confirm?Session_ID=abc123def', secrets: ['abc123def'] },
  { input: '/verify?otp=492013', secrets: ['492013'] },
  { input: '/invite?e-mail=bob@corp.io', secrets: ['bob', 'corp.io'] },
  { input: '/track?phone=%2B14155550100', secrets: ['14155550100', '4155550100'] },
  { input: '/search?q=john%40doe.org&page=2', secrets: ['john', 'doe.org'] },
  { input: '/search?q=4111+1111+1111+1111', secrets: ['4111+1111', '4111111111111111'] },
  {
    input: 'https://x.io/p#access_token=eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjMifQ.sig123',
    secrets: ['eyJhbGciOiJIUzI1NiJ9', 'sig123'],
  },
  { input: 'https://admin:s3cr3t@intranet.example.com/dash', secrets: ['admin', 's3cr3t'] },
  { input: '/u/jane.doe%40example.com/orders', secrets: ['jane.doe', 'example.com'] },
  { input: '/profile/alice@example.org', secrets: ['alice', 'example.org'] },
  { input: '/checkout?cc=4242424242424242&step=2', secrets: ['4242424242424242'] },
  { input: '/pay?iban=NL91ABNA0417164300', secrets: ['NL91ABNA0417164300'] },
  { input: '/hook?signature=t%3D1492774577%2Cv1%3D5257a869', secrets: ['5257a869'] },
  { input: '/r?auth=Bearer%20abc.def.ghi', secrets: ['abc.def.ghi'] },
  { input: '/x?jwt=eyJ0eXAiOiJKV1QifQ.eyJ1IjoxfQ.AbC', secrets: ['eyJ0eXAiOiJKV1QifQ'] },
  { input: '/sub?userEmail=c.d@mail.co.uk', secrets: ['c.d', 'mail.co.uk'] },
  { input: '/a?dob=1990-04-12', secrets: ['1990-04-12'] },
  { input: '/ship?zip=90210&address=1%20Main%20St', secrets: ['90210', 'Main'] },
  // Data attributes and app-provided values
  { input: 'customer-jane@example.com', secrets: ['jane', 'example.com'] },
  { input: 'user:+33 6 12 34 56 78', secrets: ['612345678'] },
  { input: 'sk_live_51Hx9Zk2eZvKYlo2C', secrets: ['51Hx9Zk2eZvKYlo2C'] },
  {
    input: 'key ghp_16C7e42F292c6912E7710c838347Ae178B4a',
    secrets: ['16C7e42F292c6912E7710c838347Ae178B4a'],
  },
  {
    input: 'session 3f2a9c1e7b6d4a8f9e0c1b2a3d4e5f60',
    secrets: ['3f2a9c1e7b6d4a8f9e0c1b2a3d4e5f60'],
  },
  {
    input: 'Ticket for Jane <jane@ex.com>, tel 020 7946 0000',
    secrets: ['jane@', 'ex.com', '79460000'],
  },
  { input: 'gift for mum, send to mum@family.net', secrets: ['mum@', 'family.net'] },
  { input: 'reorder 5105105105105100', secrets: ['5105105105105100'] },
  { input: 'wire CH9300762011623852957', secrets: ['CH9300762011623852957', '762011623852957'] },
  { input: 'contact: 0049 89 636 48018', secrets: ['8963648018'] },
  // Regressions: each of these once slipped through.
  // An API key without a digit skipped the pattern pass altogether.
  { input: 'key sk_live_QwErTyUiOpAsDfGhJkLzXcVb', secrets: ['QwErTyUiOpAsDfGhJkLzXcVb'] },
  { input: 'Authorization: Bearer abcdefGHIJKLmnop', secrets: ['abcdefGHIJKLmnop'] },
  { input: 'sent bearer tok.en_value-xyz== to the api', secrets: ['tok.en_value-xyz'] },
  // Decoding a path turned the `+` of a sub-address into a space, cutting the local part off.
  { input: '/orders/JOHN.SMITH+shop%40gmail.com', secrets: ['JOHN.SMITH', 'gmail.com'] },
  // Form-encoded card numbers outside a query value.
  { input: '/pay#4111+1111+1111+1111', secrets: ['4111+1111', '4111111111111111'] },
  // `key=value` pairs after a space: a cookie string, free text.
  { input: 'sessionid=abc123; csrftoken=Zx9fQ2', secrets: ['abc123', 'Zx9fQ2'] },
  { input: 'retry with password=hunter2 please', secrets: ['hunter2'] },
];

/** Strings that carry no personal data and must come through unchanged. */
export const CLEAN: readonly string[] = [
  'trail running shoes size 42',
  '/products/air-zoom-pegasus-40?color=black&size=10',
  'compare-plans',
  '/blog/2024-05-17/how-to-pick-a-tent',
  'price under 100',
  'pricing',
  '/cart',
  'size-guide',
  'shipping to EU',
  'promo SPRING25',
];
