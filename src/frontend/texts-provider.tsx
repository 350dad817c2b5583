import React, { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import { i18n } from '@forge/bridge';

type TranslationFunction = Awaited<ReturnType<typeof i18n.createTranslationFunction>>;

const TextsContext = createContext<TranslationFunction | undefined>(undefined);

/**
 * Forge's translations for the viewer's locale (`i18n.createTranslationFunction` of @forge/bridge
 * reads the locale from the view context and the locale files Forge builds from manifest.yml).
 * This is what I18nProvider of @forge/react 12.3 does, except that a failed load is caught: there
 * it is an unhandled rejection and the context never becomes ready. Here the page keeps its
 * bundled English texts (see useText).
 */
export function TextsProvider({ children }: { children: ReactNode }) {
  const [translate, setTranslate] = useState<TranslationFunction | undefined>();
  useEffect(() => {
    i18n.createTranslationFunction().then(
      (fn) => setTranslate(() => fn),
      (error: unknown) => console.warn('Relay: translations could not be loaded; showing English', error),
    );
  }, []);
  return <TextsContext.Provider value={translate}>{children}</TextsContext.Provider>;
}

/** The loaded translation function, or undefined while loading or when loading failed. */
export function useForgeTexts(): TranslationFunction | undefined {
  return useContext(TextsContext);
}
