import {
  createCart,
  useDeclare,
  useGoal,
  useIntent,
  useNextStep,
  usePageView,
  useTrack,
} from 'intentful';
import { IntentDevtools, IntentDevtoolsPanel } from 'intentful/devtools';
import {
  type CSSProperties,
  type ReactNode,
  useId,
  useMemo,
  useState,
  useSyncExternalStore,
} from 'react';
import { CartBanner, CheckoutHelp, HomeHero, PdpAssist } from './slots';
import { button, card, colors, primary, Row, Stack, space, text } from './ui';
import './shop.css';

export interface Product {
  id: string;
  name: string;
  price: number;
  category: string;
  hue: number;
  blurb: string;
}

export const products: readonly Product[] = [
  {
    id: 'trail-runner',
    name: 'Trail Runner',
    price: 129,
    category: 'trail',
    hue: 150,
    blurb: 'Grippy, light, waterproof.',
  },
  {
    id: 'road-glide',
    name: 'Road Glide',
    price: 119,
    category: 'road',
    hue: 210,
    blurb: 'Soft, fast, for daily miles.',
  },
  {
    id: 'summit-pro',
    name: 'Summit Pro',
    price: 169,
    category: 'trail',
    hue: 20,
    blurb: 'Stiff plate for long days.',
  },
  {
    id: 'city-walk',
    name: 'City Walk',
    price: 89,
    category: 'lifestyle',
    hue: 280,
    blurb: 'All-day comfort in town.',
  },
];

type Page =
  | { name: 'list' }
  | { name: 'product'; id: string }
  | { name: 'cart' }
  | { name: 'checkout' }
  | { name: 'done' };

interface Line {
  product: Product;
  size: number;
}

const sizes = [40, 41, 42, 43, 44, 45];

/** `matchMedia` as state; false on the server and where it does not exist (jsdom). */
function useMediaQuery(query: string): boolean {
  return useSyncExternalStore(
    (onChange) => {
      if (typeof matchMedia !== 'function') return () => {};
      const mql = matchMedia(query);
      mql.addEventListener('change', onChange);
      return () => mql.removeEventListener('change', onChange);
    },
    () => typeof matchMedia === 'function' && matchMedia(query).matches,
    () => false,
  );
}

function ProductImage(props: { product: Product; ratio: string }) {
  const { product, ratio } = props;
  return (
    <div
      role="img"
      aria-label={`${product.name}, side view`}
      style={{
        aspectRatio: ratio,
        borderRadius: 'var(--radius-md)',
        background: `linear-gradient(135deg, hsl(${product.hue} 60% 82%), hsl(${product.hue} 55% 62%))`,
      }}
    />
  );
}

/**
 * The one next step. It sits last in the help column, so appearing pushes nothing below it, and
 * takes no room while there is none.
 */
function NextStepBar(props: { act: (step: string) => void }) {
  const step = useNextStep();
  return (
    <div aria-live="polite" data-testid="next-step">
      {step && (
        <div className="shop-step" data-step={step.id}>
          <strong>{step.label}</strong>
          <Row>
            <button
              type="button"
              style={primary}
              onClick={() => {
                step.complete();
                props.act(step.id);
              }}
            >
              Show me
            </button>
            <button type="button" style={button} onClick={step.dismiss}>
              Not now
            </button>
          </Row>
        </div>
      )}
    </div>
  );
}

function Header(props: { cartCount: number; go: (page: Page) => void }) {
  return (
    <header className="shop-header">
      <strong className="shop-brand">Ridgeline Running</strong>
      <nav aria-label="Shop">
        <Row>
          <button type="button" style={button} onClick={() => props.go({ name: 'list' })}>
            Shoes
          </button>
          <button type="button" style={button} onClick={() => props.go({ name: 'cart' })}>
            Cart ({props.cartCount})
          </button>
          <button type="button" style={button} data-intent-target="help">
            Help
          </button>
        </Row>
      </nav>
    </header>
  );
}

function ProductList(props: { open: (id: string) => void; compare: (id: string) => void }) {
  usePageView('/shoes', 'list');
  const searchId = useId();
  const [category, setCategory] = useState<string | null>(null);
  const shown = category ? products.filter((p) => p.category === category) : products;
  return (
    <Stack gap={16}>
      <h1 className="shop-title">Running shoes</h1>
      <HomeHero />
      <Row>
        <form className="shop-search" data-intent-search="" onSubmit={(e) => e.preventDefault()}>
          <label htmlFor={searchId}>Search</label>
          <input id={searchId} name="q" type="search" />
        </form>
        {['trail', 'road', 'lifestyle'].map((c) => (
          <button
            key={c}
            type="button"
            aria-pressed={category === c}
            data-intent-filter="category"
            data-intent-value={c}
            style={category === c ? primary : button}
            onClick={() => setCategory((cur) => (cur === c ? null : c))}
          >
            {c}
          </button>
        ))}
      </Row>
      <ul className="shop-products">
        {shown.map((p) => (
          <li key={p.id} className="shop-card">
            <ProductImage product={p} ratio="16 / 9" />
            <h2>{p.name}</h2>
            <p>
              €{p.price} · {p.blurb}
            </p>
            <Row>
              <button
                type="button"
                style={primary}
                onClick={() => props.open(p.id)}
                aria-label={`View ${p.name}`}
              >
                View
              </button>
              <button
                type="button"
                style={button}
                data-intent-target="compare"
                data-intent-value={p.id}
                onClick={() => props.compare(p.id)}
                aria-label={`Compare ${p.name}`}
              >
                Compare
              </button>
            </Row>
          </li>
        ))}
      </ul>
    </Stack>
  );
}

function Disclosure(props: { label: string; target: string; children: ReactNode }) {
  const [open, setOpen] = useState(false);
  const id = useId();
  return (
    <div className="shop-disclosure">
      <button
        type="button"
        style={button}
        aria-expanded={open}
        aria-controls={id}
        data-intent-target={props.target}
        onClick={() => setOpen((o) => !o)}
      >
        {props.label}
      </button>
      {/* Opens over the page: opening must not push the rest of it, and closed it takes no room. */}
      <div id={id} className="shop-popover" hidden={!open}>
        {props.children}
      </div>
    </div>
  );
}

function ProductPage(props: {
  product: Product;
  /** The help slot, when it belongs in the page's flow rather than beside it. */
  assist: ReactNode;
  add: (line: Line) => void;
  compare: (id: string) => void;
}) {
  const { product } = props;
  usePageView(`/shoes/${product.id}`, 'product');
  const [size, setSize] = useState<number | null>(null);
  const declare = useDeclare();
  const gift = useIntent('gift');
  return (
    // Read by the page-view collector: product views carry the cart state and price the model reads.
    <div
      data-intent-page="product"
      data-intent-product={product.id}
      data-intent-category={product.category}
      data-intent-price={product.price}
    >
      <Stack gap={16}>
        <div className="shop-pdp">
          <ProductImage product={product} ratio="7 / 6" />
          <Stack gap={10}>
            <h1 className="shop-title">{product.name}</h1>
            <p style={{ margin: 0, fontSize: text.xl }}>€{product.price}</p>
            <p style={{ margin: 0, color: colors.muted }}>{product.blurb}</p>
            <fieldset style={{ border: 0, padding: 0, margin: 0 }}>
              <legend style={{ marginBottom: space[2] }}>Size (EU)</legend>
              <Row>
                {sizes.map((s) => (
                  <button
                    key={s}
                    type="button"
                    aria-pressed={size === s}
                    data-intent-target={`size-${s}`}
                    style={size === s ? primary : button}
                    onClick={() => setSize(s)}
                  >
                    {s}
                  </button>
                ))}
              </Row>
            </fieldset>
            <Row>
              <button
                type="button"
                style={primary}
                disabled={size === null}
                onClick={() => size !== null && props.add({ product, size })}
              >
                {size === null ? 'Pick a size' : 'Add to cart'}
              </button>
              <button
                type="button"
                style={button}
                data-intent-target="compare"
                onClick={() => props.compare(product.id)}
              >
                Compare
              </button>
              <label style={{ display: 'flex', gap: 6, alignItems: 'center' }}>
                <input
                  type="checkbox"
                  checked={gift.declared === true}
                  onChange={(e) => declare('gift', e.target.checked ? true : null)}
                />
                It's a gift
              </label>
            </Row>
          </Stack>
        </div>
        {props.assist}
        <section data-intent-section="sizing" aria-labelledby="sizing-h" className="shop-section">
          <h2 id="sizing-h">Sizing</h2>
          <p>Runs half a size small. Measure your foot in the afternoon, heel to longest toe.</p>
          <Disclosure label="Size guide" target="size-guide">
            <table style={{ borderCollapse: 'collapse' }}>
              <caption style={{ textAlign: 'left' }}>Foot length to EU size</caption>
              <tbody>
                {sizes.map((s) => (
                  <tr key={s}>
                    <th scope="row" style={{ textAlign: 'left', paddingRight: 12 }}>
                      {s}
                    </th>
                    <td>{(s * 0.667 - 1.5).toFixed(1)} cm</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </Disclosure>
        </section>
        <section
          data-intent-section="shipping"
          aria-labelledby="shipping-h"
          className="shop-section"
        >
          <h2 id="shipping-h">Shipping and returns</h2>
          <p>Free tracked delivery over €50. Free returns within 60 days.</p>
          <Disclosure label="Delivery details" target="delivery-details">
            <ul style={{ margin: 0, paddingLeft: space[4] }}>
              <li>Standard: 2–3 working days, free over €50</li>
              <li>Express: next working day, €6</li>
              <li>Islands and remote areas: 4–5 working days</li>
            </ul>
          </Disclosure>
        </section>
        <section data-intent-section="reviews" aria-labelledby="reviews-h" className="shop-section">
          <h2 id="reviews-h">Reviews (128)</h2>
          <ul style={{ paddingLeft: space[4] }}>
            <li>“Best grip I have had on wet rock.” ★★★★★</li>
            <li>“Size up half a size, then perfect.” ★★★★☆</li>
            <li>“Arrived in two days, as promised.” ★★★★★</li>
          </ul>
        </section>
      </Stack>
    </div>
  );
}

function Cart(props: {
  lines: readonly Line[];
  checkout: () => void;
  remove: (i: number) => void;
}) {
  usePageView('/cart', 'cart');
  const total = props.lines.reduce((sum, l) => sum + l.product.price, 0);
  return (
    <Stack gap={16}>
      <h1 className="shop-title">Your cart</h1>
      <CartBanner />
      {props.lines.length === 0 ? (
        <p>Your cart is empty.</p>
      ) : (
        <ul style={{ ...card, margin: 0, paddingLeft: 32 }}>
          {props.lines.map((l, i) => (
            <li key={`${l.product.id}-${l.size}`} style={{ margin: '4px 0' }}>
              {l.product.name}, size {l.size} · €{l.product.price}{' '}
              <button type="button" style={button} onClick={() => props.remove(i)}>
                Remove
              </button>
            </li>
          ))}
        </ul>
      )}
      <Row>
        <strong>Total €{total}</strong>
        <button type="button" style={button} data-intent-target="gift-options">
          Gift options
        </button>
        <button
          type="button"
          style={primary}
          disabled={props.lines.length === 0}
          onClick={props.checkout}
        >
          Checkout
        </button>
      </Row>
    </Stack>
  );
}

function Checkout(props: { pay: () => void }) {
  usePageView('/checkout', 'checkout');
  const id = useId();
  const field: CSSProperties = {
    font: 'inherit',
    padding: 6,
    width: '100%',
    boxSizing: 'border-box',
  };
  return (
    <Stack gap={16}>
      <h1 className="shop-title">Checkout</h1>
      <CheckoutHelp />
      <form
        aria-label="Checkout"
        style={{ ...card, display: 'grid', gap: 10, maxWidth: 420 }}
        onSubmit={(e) => {
          e.preventDefault();
          props.pay();
        }}
      >
        <label htmlFor={`${id}-name`}>Full name</label>
        <input id={`${id}-name`} name="name" autoComplete="name" style={field} />
        <label htmlFor={`${id}-email`}>E-mail</label>
        <input id={`${id}-email`} name="email" type="email" autoComplete="email" style={field} />
        <label htmlFor={`${id}-postcode`}>Postcode</label>
        <input id={`${id}-postcode`} name="postcode" autoComplete="postal-code" style={field} />
        <label htmlFor={`${id}-card`}>Card number</label>
        <input
          id={`${id}-card`}
          name="card"
          autoComplete="cc-number"
          inputMode="numeric"
          style={field}
        />
        <button type="submit" style={primary} data-intent-target="pay">
          Pay
        </button>
      </form>
    </Stack>
  );
}

export interface StorefrontProps {
  /** Page to open on. */
  start?: 'list' | 'product' | 'cart' | 'checkout';
  /** Show the devtools panel next to the shop. */
  devtools?: boolean;
}

/** A small shop wired to intents, steps and slots: behave like a hesitant shopper and watch it help. */
export function Storefront(props: StorefrontProps) {
  const first = props.start ?? 'list';
  const [page, setPage] = useState<Page>(() => {
    if (first === 'product') return { name: 'product', id: 'trail-runner' };
    if (first === 'cart') return { name: 'cart' };
    if (first === 'checkout') return { name: 'checkout' };
    return { name: 'list' };
  });
  const [lines, setLines] = useState<Line[]>(
    first === 'cart' || first === 'checkout' ? [{ product: products[0] as Product, size: 43 }] : [],
  );
  const track = useTrack();
  const cart = useMemo(() => createCart(track), [track]);
  const goal = useGoal();
  const go = (next: Page): void => {
    setPage(next);
    if (typeof window !== 'undefined') window.scrollTo?.(0, 0);
  };
  const current = page.name === 'product' ? products.find((p) => p.id === page.id) : undefined;
  const act = (step: string): void => {
    if (step === 'express-checkout') go({ name: 'checkout' });
    if (step === 'offer-comparison') go({ name: 'list' });
    if (step === 'reassure-delivery' || step === 'show-fit-guide') {
      const name = step === 'reassure-delivery' ? 'shipping' : 'sizing';
      document
        .querySelector(`[data-intent-section="${name}"]`)
        ?.scrollIntoView({ block: 'center' });
    }
  };
  // Beside the shop when there is room; a tab that opens a drawer on narrower screens.
  const wide = useMediaQuery('(min-width: 1280px)');
  // On a phone the help goes right under the buy box, where the shopper is, not after the page.
  const besideProduct = useMediaQuery('(min-width: 1000px)');
  return (
    <div className="shop">
      <Header cartCount={lines.length} go={go} />
      <div
        className="shop-layout"
        data-page={page.name}
        data-devtools={props.devtools ? '' : undefined}
      >
        <main className="shop-main">
          {page.name === 'list' && (
            <ProductList open={(id) => go({ name: 'product', id })} compare={() => {}} />
          )}
          {page.name === 'product' && current && (
            <ProductPage
              product={current}
              assist={besideProduct ? null : <PdpAssist />}
              compare={() => {}}
              add={(line) => {
                setLines((l) => [...l, line]);
                cart.add({
                  id: line.product.id,
                  category: line.product.category,
                  price: line.product.price,
                });
              }}
            />
          )}
          {page.name === 'cart' && (
            <Cart
              lines={lines}
              checkout={() => go({ name: 'checkout' })}
              remove={(i) => {
                const line = lines[i];
                if (line) cart.remove({ id: line.product.id, category: line.product.category });
                setLines((l) => l.filter((_, j) => j !== i));
              }}
            />
          )}
          {page.name === 'checkout' && (
            <Checkout
              pay={() => {
                goal(
                  'purchase',
                  lines.reduce((s, l) => s + l.product.price, 0),
                );
                setLines([]);
                go({ name: 'done' });
              }}
            />
          )}
          {page.name === 'done' && (
            <Stack>
              <h1 className="shop-title">Thank you!</h1>
              <p>Your order is on its way.</p>
              <Satisfied />
            </Stack>
          )}
        </main>
        <aside aria-label="Help for you" className="shop-aside">
          {page.name === 'product' && besideProduct && <PdpAssist />}
          <NextStepBar act={act} />
        </aside>
        {props.devtools &&
          (wide ? (
            <IntentDevtoolsPanel className="shop-devtools" />
          ) : (
            <IntentDevtools position="bottom-right" />
          ))}
      </div>
    </div>
  );
}

/** The done page shows the completed intent retired, so nothing keeps selling what was bought. */
function Satisfied() {
  const until = useIntent('ready-to-buy', (b) => b.satisfiedUntil);
  if (until === null) return null;
  return (
    <p style={{ color: colors.muted }} data-testid="satisfied">
      We won't suggest checkout shortcuts for a while: you just bought.
    </p>
  );
}
