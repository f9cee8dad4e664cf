import { NavLink, Navigate, Route, Routes, useLocation } from 'react-router-dom';
import { AdminPage } from './pages/AdminPage';
import { AwardsPage } from './pages/AwardsPage';
import { AssessmentPage, AssessmentsPage } from './pages/AssessmentsPage';
import { AuditPage } from './pages/AuditPage';
import { OverviewPage } from './pages/OverviewPage';
import { PcgdPage } from './pages/PcgdPage';
import { PlanPage, PlansPage } from './pages/PlansPage';
import { RecognitionsPage } from './pages/RecognitionsPage';
import { ReportsPage } from './pages/ReportsPage';
import { UnitPage, UnitsPage } from './pages/UnitsPage';
import { ROLE_NAMES } from './i18n/messages';
import { useSession } from './session/Session';

/** The app's frame: who is logged in, the screens their roles open, and the page. */
export function App() {
  const { user, can, logout } = useSession();
  const location = useLocation();
  const keep = (path: string) => {
    const params = new URLSearchParams(location.search);
    const kept = new URLSearchParams();
    ['on', 'asOf'].forEach((key) => params.get(key) && kept.set(key, params.get(key)!));
    return kept.toString() ? `${path}?${kept}` : path;
  };
  return (
    <>
      <a className="skip" href="#main">Bỏ qua, tới nội dung</a>
      <header>
        <p className="brand">Sổ cái XHHT</p>
        <nav aria-label="Chức năng">
          <NavLink to={keep('/tong-quan')}>Tổng quan</NavLink>
          <NavLink to={keep('/don-vi')}>Đơn vị</NavLink>
          <NavLink to={keep('/ke-hoach')}>Kế hoạch</NavLink>
          <NavLink to={keep('/danh-gia')}>Đánh giá</NavLink>
          <NavLink to={keep('/danh-hieu')}>Danh hiệu</NavLink>
          <NavLink to={keep('/bao-cao')}>Báo cáo</NavLink>
          <NavLink to={keep('/pho-cap')}>Phổ cập</NavLink>
          <NavLink to={keep('/thi-dua')}>Thi đua</NavLink>
          {can('AUDITOR', 'ADMIN') && <NavLink to={keep('/nhat-ky')}>Nhật ký kiểm tra</NavLink>}
          {can('ADMIN', 'AUDITOR') && <NavLink to="/quan-tri">Quản trị</NavLink>}
        </nav>
        <p className="who">
          <span data-testid="user">{user.username}</span>{' '}
          <span className="muted">({user.roles.map((r) => ROLE_NAMES[r] ?? r).join(', ')})</span>{' '}
          <button type="button" className="secondary" onClick={() => logout()}>Đăng xuất</button>
        </p>
      </header>
      <main id="main">
        <Routes>
          <Route path="/" element={<Navigate to="/tong-quan" replace />} />
          <Route path="/tong-quan" element={<OverviewPage />} />
          <Route path="/don-vi" element={<UnitsPage />} />
          <Route path="/don-vi/:id" element={<UnitPage />} />
          <Route path="/ke-hoach" element={<PlansPage />} />
          <Route path="/ke-hoach/:id" element={<PlanPage />} />
          <Route path="/danh-gia" element={<AssessmentsPage />} />
          <Route path="/danh-gia/:id" element={<AssessmentPage />} />
          <Route path="/danh-hieu" element={<RecognitionsPage />} />
          <Route path="/bao-cao" element={<ReportsPage />} />
          <Route path="/pho-cap" element={<PcgdPage />} />
          <Route path="/thi-dua" element={<AwardsPage />} />
          <Route path="/nhat-ky" element={<AuditPage />} />
          <Route path="/quan-tri" element={<AdminPage />} />
          <Route path="*" element={<p role="alert">Không có trang này.</p>} />
        </Routes>
      </main>
    </>
  );
}
