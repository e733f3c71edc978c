/** The app: intake, plan, player and summary, one screen at a time. */
export function App() {
  return (
    <>
      <header className="app-header">Massage coach</header>
      <main id="main">
        <p>Intake</p>
      </main>
    </>
  );
}
