export * from './channel-names';
export * from './channels';
export * from './permissions';
export * from './schemas';
export * from './clients';
export * from './access';
export * from './packages';
export * from './handovers';
