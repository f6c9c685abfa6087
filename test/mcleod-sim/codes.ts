/** Demo code tables. Real companies configure their own; the client must not assume these. */
export interface SimCode {
  id: string;
  descr: string;
}

export const simActivityCodes: SimCode[] = [
  { id: 'CALL', descr: 'Phone call' },
  { id: 'NOANS', descr: 'No answer' },
  { id: 'VM', descr: 'Left voicemail' },
  { id: 'GK', descr: 'Gatekeeper - call back' },
  { id: 'BADNUM', descr: 'Wrong or disconnected number' },
  { id: 'TALK', descr: 'Talked' },
  { id: 'QUOTE', descr: 'Rate quote requested' },
  { id: 'INFO', descr: 'Sent information' },
  { id: 'MEET', descr: 'Meeting set' },
  { id: 'NOINT', descr: 'Not interested' },
  { id: 'FOLLOW', descr: 'Follow-up call' },
  { id: 'EMAIL', descr: 'Email' },
];

export const simObjectionCodes: SimCode[] = [
  { id: 'CARRIER', descr: 'Happy with current carrier' },
  { id: 'LANES', descr: 'No freight in our lanes' },
  { id: 'ASSET', descr: 'Asset-based only' },
  { id: 'PRICE', descr: 'Price' },
];

export const salesStatuses: SimCode[] = [
  { id: 'SUSP', descr: 'Suspect' },
  { id: 'PROS', descr: 'Prospect' },
  { id: 'QUAL', descr: 'Qualified' },
  { id: 'ACTV', descr: 'Active customer' },
  { id: 'LOST', descr: 'Lost customer' },
  { id: 'DNC', descr: 'Do not call' },
];

export const prospectTypes: SimCode[] = [
  { id: 'MFG', descr: 'Manufacturer' },
  { id: 'DIST', descr: 'Distributor' },
  { id: 'GROW', descr: 'Grower / packer' },
  { id: 'RETL', descr: 'Retailer' },
  { id: 'FOOD', descr: 'Food processor' },
];

export const categories: SimCode[] = [
  { id: 'A', descr: 'Key account' },
  { id: 'B', descr: 'Growth account' },
  { id: 'C', descr: 'Occasional shipper' },
];

export function codeDescr(codes: readonly SimCode[], id: unknown): string | undefined {
  if (typeof id !== 'string') return undefined;

  return codes.find((code) => code.id === id.toUpperCase())?.descr;
}
