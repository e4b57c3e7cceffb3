import { AdaptiveSlot, DismissVariant, Variant, WhyThis } from 'intentful';
import type { CSSProperties, ReactNode } from 'react';
import { colors, space, text } from './ui';
import './shop.css';

// `reserve` stacks every variant in one grid cell, so each slot is exactly as tall as its
// tallest variant: a switch never moves anything around it and no box carries a guessed
// min-height. It grows only when the reader opens "Why am I seeing this?" (a shift the reader
// asked for, which layout-shift scoring excludes).
const box: CSSProperties = {
  border: `1px solid ${colors.line}`,
  borderRadius: 'var(--radius-md)',
  padding: space[4],
  background: colors.paper,
  color: colors.ink,
};

const footer: CSSProperties = {
  display: 'flex',
  flexWrap: 'wrap',
  alignItems: 'start',
  justifyContent: 'space-between',
  gap: space[2],
  marginTop: space[3],
  fontSize: text.sm,
  color: colors.muted,
};

function Body(props: { title: string; children: ReactNode }) {
  return (
    <>
      <p style={{ margin: `0 0 ${space[1]}`, fontWeight: 700, fontSize: text.lg }}>{props.title}</p>
      <div style={{ fontSize: text.sm }}>{props.children}</div>
      <div style={footer}>
        <WhyThis />
        <DismissVariant className="quiet-button" />
      </div>
    </>
  );
}

export interface SlotProps {
  /** Force a variant (gallery); otherwise the policy decides. */
  variant?: string;
}

export function HomeHero(props: SlotProps) {
  return (
    <AdaptiveSlot id="home-hero" style={box} reserve {...props}>
      <Variant id="standard">
        <Body title="New season trail shoes">Lighter, grippier, ready for autumn mud.</Body>
      </Variant>
      <Variant id="compare-picks">
        <Body title="Our three best sellers, side by side">
          Weight, drop and grip compared at a glance.
        </Body>
      </Variant>
      <Variant id="gift-ideas">
        <Body title="Gift ideas for runners">
          Free gift wrap and a gift receipt on every order.
        </Body>
      </Variant>
      <Variant id="easy-returns">
        <Body title="Not sure about the size?">
          Free exchanges for 60 days, shipping both ways.
        </Body>
      </Variant>
    </AdaptiveSlot>
  );
}

export function PdpAssist(props: SlotProps) {
  return (
    <AdaptiveSlot id="pdp-assist" style={box} reserve {...props}>
      <Variant id="standard">
        <Body title="Why runners love it">
          <ul style={{ margin: 0, paddingLeft: space[4] }}>
            <li>Vibram outsole for wet rock</li>
            <li>Recycled mesh upper</li>
          </ul>
        </Body>
      </Variant>
      <Variant id="delivery-reassurance">
        <Body title="Arrives by Thursday, free">
          Order in the next 3 hours for delivery by <strong>Thursday</strong>. Tracked, free over
          €50, and free returns within 60 days.
        </Body>
      </Variant>
      <Variant id="fit-guide">
        <Body title="Find your size in 30 seconds">
          Runs half a size small: most runners pick half a size up. Free exchanges if not.
        </Body>
      </Variant>
      <Variant id="compare-table">
        <Body title="Trail Runner vs Road Glide">
          280 g vs 250 g · 6 mm vs 8 mm drop · grip for mud vs asphalt.
        </Body>
      </Variant>
      <Variant id="gift-note">
        <Body title="Make it a gift">Gift wrap, a handwritten note and no prices on the slip.</Body>
      </Variant>
      <Variant id="support-chat">
        <Body title="Questions? Talk to a runner">
          Our team answers in under two minutes, 8:00–20:00.
        </Body>
      </Variant>
      <Variant id="buy-now">
        <Body title="Ready when you are">Check out in one step with your saved details.</Body>
      </Variant>
    </AdaptiveSlot>
  );
}

export function CartBanner(props: SlotProps) {
  return (
    <AdaptiveSlot id="cart-banner" style={box} reserve {...props}>
      <Variant id="standard">
        <Body title="Free returns">Changed your mind? Returns are free for 60 days.</Body>
      </Variant>
      <Variant id="delivery-promise">
        <Body title="Delivered by Thursday">Tracked delivery, free on this order.</Body>
      </Variant>
      <Variant id="gift-wrap">
        <Body title="Add gift wrap">Wrapped, with your note, for €0.</Body>
      </Variant>
      <Variant id="express">
        <Body title="Skip the forms">Express checkout with your saved card.</Body>
      </Variant>
    </AdaptiveSlot>
  );
}

export function CheckoutHelp(props: SlotProps) {
  return (
    <AdaptiveSlot id="checkout-help" style={box} reserve {...props}>
      <Variant id="standard">
        <Body title="Secure checkout">Payments are encrypted; we never store card numbers.</Body>
      </Variant>
      <Variant id="delivery-dates">
        <Body title="Delivery dates for your postcode">
          Most postcodes: Thursday. Islands: Monday.
        </Body>
      </Variant>
      <Variant id="live-help">
        <Body title="Stuck? We can help">Chat with us or call 0800 123 456, free.</Body>
      </Variant>
    </AdaptiveSlot>
  );
}

/** Each slot's place in the shop, in the designers' words (the gallery's headings). */
export const slotTitles: { readonly [slot: string]: string } = {
  'home-hero': 'Shop front: the banner above the shoes',
  'pdp-assist': 'Product page: help beside the product',
  'cart-banner': 'Cart: the note above the order',
  'checkout-help': 'Checkout: help above the form',
};

/** How each registered slot renders, for the gallery. */
export const slotViews: { readonly [slot: string]: (variant?: string) => ReactNode } = {
  'home-hero': (variant) => <HomeHero {...(variant !== undefined && { variant })} />,
  'pdp-assist': (variant) => <PdpAssist {...(variant !== undefined && { variant })} />,
  'cart-banner': (variant) => <CartBanner {...(variant !== undefined && { variant })} />,
  'checkout-help': (variant) => <CheckoutHelp {...(variant !== undefined && { variant })} />,
};
