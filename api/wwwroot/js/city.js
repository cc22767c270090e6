// The city the wall shows, from the API (/api/live/city): agencies and their colours, categories, time zone, tiles.
import { getJson } from './api.js';

let city = { timeZone: 'UTC', tileUrl: '', tileAttribution: '', agencies: [], categories: [] };
const agencies = new Map();
const categories = new Map();

export async function loadCity() {
  city = await getJson('/api/live/city');
  agencies.clear();
  categories.clear();
  city.agencies.forEach(a => agencies.set(a.code.toLowerCase(), a));
  city.categories.forEach(c => categories.set(c.code.toLowerCase(), c));
  return city;
}

export function currentCity() {
  return city;
}

export function agencyColor(code) {
  return agencies.get(String(code ?? '').toLowerCase())?.color ?? '#9aa8bd';
}

export function agencyName(code) {
  return agencies.get(String(code ?? '').toLowerCase())?.name ?? code ?? '';
}

export function category(code) {
  return categories.get(String(code ?? '').toLowerCase());
}
